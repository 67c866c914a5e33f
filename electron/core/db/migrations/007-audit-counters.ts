import type { Migration } from './Migration';

/**
 * - `audit_events`: a message's lifecycle (started, continued, stopped, interrupted,
 *   recovered, exported, regenerated…), for the inspector and the json export.
 *   Goes with its message.
 * - `counters`: local reliability figures that no other table can give (replays
 *   served, storage failures and their recovery time, launch recoveries). One row
 *   per occurrence so any period can be summed; never sent anywhere.
 */
export const m007AuditCounters: Migration = {
  version: 7,
  name: 'audit trail and local counters',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        id         INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        at         INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        detail     TEXT
      );
      CREATE INDEX audit_events_by_message ON audit_events(message_id, at);
      CREATE TABLE counters (
        id     INTEGER PRIMARY KEY,
        at     INTEGER NOT NULL,
        name   TEXT NOT NULL,
        label  TEXT,
        value  REAL NOT NULL DEFAULT 1,
        value2 REAL
      );
      CREATE INDEX counters_by_name ON counters(name, at);
      CREATE INDEX streams_by_start ON streams(started_at);
    `);
  },
};

import type { Migration } from './Migration';

/** Rows sync carries as records; chunk logs travel separately, by stream and seq. */
const SYNCED = [
  ['folder', 'folders'],
  ['conversation', 'conversations'],
  ['message', 'messages'],
  ['stream', 'streams'],
] as const;

/**
 * Sync's local bookkeeping (core/sync). Nothing here runs until sync is set up: the
 * triggers fire only while `sync_device` has its row, so a library that never syncs
 * pays nothing.
 *
 * - `sync_device`: this library's device id, its hybrid logical clock (ms · 2^16 +
 *   counter, one integer) and its pull cursor (the server revision seen).
 * - `sync_outbox`: rows changed here and not yet pushed, each stamped with the clock
 *   at the change (so an offline edit keeps its place in last-writer-wins order).
 * - `sync_known`: the clock of the version of each row this library holds, which a
 *   pulled record must beat to be applied.
 * - `sync_applying`: has a row only inside the transaction that applies pulled
 *   records, so applying them does not echo them back into the outbox.
 * - `sync_pending`: pulled records and chunk blocks whose parent row has not arrived
 *   yet (a parent re-pushed later moves to a later revision); applied once it has.
 */
export const m017Sync: Migration = {
  version: 17,
  name: 'sync bookkeeping and changed-message cursor',
  up(db) {
    db.exec(`
      CREATE TABLE sync_device (
        one       INTEGER PRIMARY KEY CHECK (one = 1),
        device_id TEXT NOT NULL,
        hlc       INTEGER NOT NULL DEFAULT 0,
        pull_rev  TEXT NOT NULL DEFAULT '0'
      ) STRICT;
      CREATE TABLE sync_outbox (
        kind TEXT NOT NULL,
        id   TEXT NOT NULL,
        hlc  INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE sync_known (
        kind   TEXT NOT NULL,
        id     TEXT NOT NULL,
        hlc    INTEGER NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE sync_applying (one INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE sync_pending (
        id    INTEGER PRIMARY KEY,
        what  TEXT NOT NULL CHECK (what IN ('record', 'block')),
        entry TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sync_chunks_pushed (
        stream_id TEXT PRIMARY KEY,
        seq       INTEGER NOT NULL
      ) STRICT;
    `);
    // What changed since a cursor, for windows of another process (library/ExternalChanges.ts).
    db.exec('CREATE INDEX messages_by_updated ON messages(updated_at)');
    for (const [kind, table] of SYNCED) {
      for (const [event, row] of [
        ['INSERT', 'new'],
        ['UPDATE', 'new'],
        ['DELETE', 'old'],
      ] as const) {
        db.exec(`
          CREATE TRIGGER sync_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
            WHEN EXISTS (SELECT 1 FROM sync_device) AND NOT EXISTS (SELECT 1 FROM sync_applying)
          BEGIN
            UPDATE sync_device SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 65536);
            INSERT INTO sync_outbox (kind, id, hlc) VALUES ('${kind}', ${row}.id, (SELECT hlc FROM sync_device))
              ON CONFLICT (kind, id) DO UPDATE SET hlc = excluded.hlc;
          END;`);
      }
    }
  },
};

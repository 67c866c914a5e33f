import type { Migration } from './Migration';

/** Rows that started travelling with sync in this version (017 carries the others). */
const SYNCED = [
  ['attachment', 'attachments'],
  ['preset', 'presets'],
] as const;

/**
 * Sync carries attachments (their bytes, sealed like every record) and presets, and
 * remembers deletions (core/sync).
 *
 * - Outbox triggers for `attachments` and `presets`, like migration 017's: they fire
 *   only while sync is on and not while sync applies pulled rows.
 * - A library that already syncs queues the attachments and presets it holds, so
 *   turning sync on before this version loses none of them.
 * - `sync_known.deleted`: the row was purged (here or elsewhere). A purge is final: a
 *   pulled or pending edit of a purged row never brings it back, and rows whose parent
 *   was purged are dropped instead of waiting for it forever.
 */
export const m020SyncAttachmentsPresets: Migration = {
  version: 20,
  name: 'sync attachments, presets and tombstones',
  up(db) {
    db.exec('ALTER TABLE sync_known ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0');
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
      // Already syncing: queue what is here, each with its own tick of the clock.
      db.exec(`
        INSERT INTO sync_outbox (kind, id, hlc)
          SELECT '${kind}', t.id, d.hlc + row_number() OVER (ORDER BY t.created_at, t.id)
            FROM ${table} t, sync_device d
          WHERE true
          ON CONFLICT (kind, id) DO NOTHING;
        UPDATE sync_device SET hlc = hlc + (SELECT count(*) FROM ${table});`);
    }
  },
};

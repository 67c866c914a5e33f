import type { Database } from 'better-sqlite3';
import { plucked, prepared } from '../db/statementCache';
import { pickColumns, upsertById } from '../db/upsertSql';

/**
 * Sync's statements on `messages` (DESIGN.md §2 and §10): a message row as it travels
 * between devices, and a row pulled from another device written or purged. Sync's
 * LocalSync calls these and writes no SQL on `messages` itself.
 */

/** Every column of `messages`, in table order: all of them travel (none means something only here). */
export const MESSAGE_COLUMNS = [
  'id',
  'conversation_id',
  'role',
  'parts',
  'status',
  'error',
  'created_at',
  'updated_at',
  'stream_id',
  'snapshot_seq',
  'client_request_id',
  'parent_id',
  'selected_at',
  'deleted_at',
  'provider_id',
  'provider_name',
  'model',
] as const;

/** What a message points at: its parent version and its conversation (both ON DELETE CASCADE). */
export const MESSAGE_PARENTS = [
  { table: 'messages', column: 'parent_id' },
  { table: 'conversations', column: 'conversation_id' },
] as const;

const SELECT_ROW = `SELECT ${MESSAGE_COLUMNS.join(', ')} FROM messages WHERE id = ?`;

export function syncedMessages(db: Database) {
  return {
    /** Every message id, oldest first (a first push queues them after their conversations). */
    allIds(): string[] {
      return plucked<[], string>(db, 'SELECT id FROM messages ORDER BY created_at, id').all();
    },

    /** The row as it travels, if it is here. */
    syncedRow(id: string): Record<string, unknown> | undefined {
      return prepared<[string], Record<string, unknown>>(db, SELECT_ROW).get(id);
    },

    /**
     * A row pulled from another device, inserted or updated in place. Columns this
     * library does not have (a newer device's) are left out. Throws SQLite's foreign-key
     * error when a parent is missing: sync decides whether it waits or goes.
     */
    writeSynced(row: Record<string, unknown>): void {
      const values = pickColumns(row, MESSAGE_COLUMNS);
      const c = upsertById(Object.keys(values));
      prepared<[Record<string, unknown>]>(
        db,
        `INSERT INTO messages (${c.names}) VALUES (${c.values}) ON CONFLICT (id) DO UPDATE SET ${c.updates}`,
      ).run(values);
    },

    /** A purge from another device: the row goes, its child versions and streams with it. */
    purgeSynced(id: string): void {
      prepared<[string]>(db, 'DELETE FROM messages WHERE id = ?').run(id);
    },
  };
}

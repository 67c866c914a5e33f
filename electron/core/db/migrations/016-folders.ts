import type { Migration } from './Migration';

/**
 * Folders (one level) and the indexes the paged sidebar list reads in order.
 *
 * - `folders`: a name the user gave; deleting one leaves its conversations in no folder
 *   (`folder_id` is ON DELETE SET NULL).
 * - `conversations.folder_id`: the folder a conversation is in, or null.
 * - Two partial indexes in exactly the list's order (pinned first, most recently pinned on
 *   top; then most recently updated; id breaks ties), so a page is an index range scan of
 *   its own length, never a sort of the whole library.
 */
export const m016Folders: Migration = {
  version: 16,
  name: 'folders and the paged list order',
  up(db) {
    db.exec(`
      CREATE TABLE folders (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      ALTER TABLE conversations ADD COLUMN folder_id TEXT REFERENCES folders(id) ON DELETE SET NULL;
      CREATE INDEX conversations_pinned_order ON conversations(pinned_at DESC, updated_at DESC, id DESC)
        WHERE deleted_at IS NULL AND pinned_at IS NOT NULL;
      CREATE INDEX conversations_unpinned_order ON conversations(updated_at DESC, id DESC)
        WHERE deleted_at IS NULL AND pinned_at IS NULL;
      CREATE INDEX conversations_by_folder ON conversations(folder_id, updated_at DESC, id DESC)
        WHERE folder_id IS NOT NULL;
    `);
  },
};

import type { Migration } from './Migration';

/**
 * Pin, delete with undo, and generated titles:
 * - `pinned_at`: pinned conversations come first (most recently pinned on top).
 * - `deleted_at`: a soft delete, hidden everywhere and purged after the undo window
 *   (or at the next launch); until then Undo brings the conversation back whole.
 * - `title_source`: 'default' until someone names it; a generated title replaces only
 *   a default one, so a title the user typed is never overwritten.
 */
export const m004Library: Migration = {
  version: 4,
  name: 'pin, soft delete, title source',
  up(db) {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN pinned_at INTEGER;
      ALTER TABLE conversations ADD COLUMN deleted_at INTEGER;
      ALTER TABLE conversations ADD COLUMN title_source TEXT NOT NULL DEFAULT 'user'
        CHECK (title_source IN ('default', 'user', 'generated'));
      UPDATE conversations SET title_source = 'default' WHERE title = 'New chat';
      CREATE INDEX conversations_deleted ON conversations(deleted_at) WHERE deleted_at IS NOT NULL;
    `);
  },
};

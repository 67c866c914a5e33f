import type { Migration } from './Migration';

/**
 * A conversation becomes a tree that keeps every version (DESIGN.md "The message tree"):
 * - `parent_id`: the message this one answers or follows; NULL for a first message.
 *   Regenerate adds a sibling reply, Edit & resend a sibling user message. Deleting a
 *   message deletes what hangs below it (cascade), streams and chunk logs included.
 * - `selected_at`: when this version was last chosen to be shown. Among siblings the
 *   shown one has the largest; a new version is chosen as it is created. Kept in the
 *   row, so the shown branch survives reload, restart and crash.
 * - `deleted_at`: an explicit delete of a version or branch, hidden at once and purged
 *   once its undo window has passed (like conversations).
 * - `provider_id`, `provider_name`, `model`: who answered, as they were at the time.
 *
 * Existing linear conversations become one branch: each message's parent is the
 * message before it, in the order the conversation showed them (created_at, rowid).
 */
export const m008MessageTree: Migration = {
  version: 8,
  name: 'message tree: parents, shown versions, soft delete, who answered',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN parent_id TEXT REFERENCES messages(id) ON DELETE CASCADE;
      ALTER TABLE messages ADD COLUMN selected_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
      ALTER TABLE messages ADD COLUMN provider_id TEXT;
      ALTER TABLE messages ADD COLUMN provider_name TEXT;
      ALTER TABLE messages ADD COLUMN model TEXT;

      UPDATE messages SET parent_id = (
        SELECT p.id FROM messages AS p
         WHERE p.conversation_id = messages.conversation_id
           AND (p.created_at < messages.created_at
                OR (p.created_at = messages.created_at AND p.rowid < messages.rowid))
         ORDER BY p.created_at DESC, p.rowid DESC LIMIT 1
      );
      UPDATE messages SET selected_at = created_at;

      -- Who answered: the provider and model of the reply's latest stream, with the
      -- provider's name as it is now (the nearest thing to "at the time" we have).
      UPDATE messages SET
        provider_id = (SELECT s.provider FROM streams AS s WHERE s.message_id = messages.id
                        ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1),
        model       = (SELECT s.model FROM streams AS s WHERE s.message_id = messages.id
                        ORDER BY s.started_at DESC, s.rowid DESC LIMIT 1)
       WHERE role = 'assistant';
      UPDATE messages SET provider_name = (SELECT p.name FROM providers AS p WHERE p.id = messages.provider_id)
       WHERE provider_id IS NOT NULL;

      CREATE INDEX messages_by_parent ON messages(parent_id);
      CREATE INDEX messages_deleted ON messages(deleted_at) WHERE deleted_at IS NOT NULL;
    `);
  },
};

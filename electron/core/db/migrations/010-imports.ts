import type { Migration } from './Migration';

/**
 * Where imported conversations and messages came from (issue 20), so importing the
 * same export again adds nothing and a newer export of the same account adds only
 * what is new:
 * - `imported_conversations`: the source (`chatgpt | claude | spool`) and the
 *   conversation's id there.
 * - `imported_messages`: the source, its conversation's id there and the message's id
 *   there (a ChatGPT node id, a Claude message uuid, a Spool message id). Unique per
 *   source and conversation: a node id is only promised unique inside its conversation.
 * Both go with their row (cascade): a conversation deleted after its import comes
 * back if the export is imported again.
 */
export const m010Imports: Migration = {
  version: 10,
  name: 'imports: source ids of imported conversations and messages',
  up(db) {
    db.exec(`
      CREATE TABLE imported_conversations (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('chatgpt', 'claude', 'spool')),
        source_id TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        UNIQUE (source, source_id)
      );
      CREATE TABLE imported_messages (
        message_id TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('chatgpt', 'claude', 'spool')),
        conversation_source_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        UNIQUE (source, conversation_source_id, source_id)
      );
    `);
  },
};

import type { Database, Statement } from 'better-sqlite3';

/** Where an import came from: a ChatGPT or Claude data export, or Spool's own JSON export. */
export type ImportSource = 'chatgpt' | 'claude' | 'spool';

export const IMPORT_SOURCE_NAMES: Record<ImportSource, string> = {
  chatgpt: 'ChatGPT export',
  claude: 'Claude export',
  spool: 'Spool export',
};

/**
 * The source ids of imported conversations and messages (migration 010): what makes
 * an import idempotent. Written in the same transaction as the rows they describe.
 */
export class ImportRecords {
  private readonly q: {
    conversation: Statement<[string, string], string>;
    forgetConversation: Statement<[string, string]>;
    forgetMessages: Statement<[string, string]>;
    addConversation: Statement<[string, string, string, number]>;
    messagesOf: Statement<[string, string], { source_id: string; message_id: string }>;
    addMessage: Statement<[string, string, string, string, number]>;
    sourceOfMessage: Statement<[string], { source: ImportSource; imported_at: number }>;
  };

  constructor(db: Database) {
    this.q = {
      conversation: db
        .prepare<[string, string], string>(
          `SELECT i.conversation_id FROM imported_conversations i
             JOIN conversations c ON c.id = i.conversation_id AND c.deleted_at IS NULL
            WHERE i.source = ? AND i.source_id = ?`,
        )
        .pluck(),
      forgetConversation: db.prepare('DELETE FROM imported_conversations WHERE source = ? AND source_id = ?'),
      forgetMessages: db.prepare(
        'DELETE FROM imported_messages WHERE source = ? AND conversation_source_id = ?',
      ),
      addConversation: db.prepare(
        'INSERT INTO imported_conversations (conversation_id, source, source_id, imported_at) VALUES (?, ?, ?, ?)',
      ),
      messagesOf: db.prepare(
        'SELECT source_id, message_id FROM imported_messages WHERE source = ? AND conversation_source_id = ?',
      ),
      addMessage: db.prepare(
        `INSERT INTO imported_messages (message_id, source, conversation_source_id, source_id, imported_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      sourceOfMessage: db.prepare('SELECT source, imported_at FROM imported_messages WHERE message_id = ?'),
    };
  }

  /** The library's conversation imported from this source conversation, if it is still there. */
  conversationFor(source: ImportSource, sourceId: string): string | undefined {
    return this.q.conversation.get(source, sourceId);
  }

  /**
   * Drops the records of a source conversation whose library copy is deleted (in its
   * undo window, about to be purged), so it can be imported afresh.
   */
  forgetDeleted(source: ImportSource, sourceId: string): void {
    this.q.forgetConversation.run(source, sourceId);
    this.q.forgetMessages.run(source, sourceId);
  }

  recordConversation(conversationId: string, source: ImportSource, sourceId: string, at: number): void {
    this.q.addConversation.run(conversationId, source, sourceId, at);
  }

  /** Source message id → library message id, for one source conversation. */
  messagesFor(source: ImportSource, conversationSourceId: string): Map<string, string> {
    const rows = this.q.messagesOf.all(source, conversationSourceId);
    return new Map(rows.map((r) => [r.source_id, r.message_id]));
  }

  recordMessage(
    messageId: string,
    source: ImportSource,
    conversationSourceId: string,
    sourceId: string,
    at: number,
  ): void {
    this.q.addMessage.run(messageId, source, conversationSourceId, sourceId, at);
  }

  /** Where an imported message came from; undefined for a message made in Spool. */
  sourceOf(messageId: string): { source: ImportSource; importedAt: number } | undefined {
    const row = this.q.sourceOfMessage.get(messageId);
    return row ? { source: row.source, importedAt: row.imported_at } : undefined;
  }
}

import type { Database, Statement } from 'better-sqlite3';

/** The `drafts` table: one row per conversation with unsent text; no row = no draft. */
export class DraftStore {
  private readonly selectOne: Statement<[string], { text: string; updated_at: number }>;
  private readonly upsert: Statement<[string, string, number, string]>;
  private readonly remove: Statement<[string]>;

  constructor(db: Database) {
    this.selectOne = db.prepare('SELECT text, updated_at FROM drafts WHERE conversation_id = ?');
    // INSERT … SELECT: a draft for a conversation purged meanwhile is dropped, not a foreign-key error.
    this.upsert = db.prepare(
      `INSERT INTO drafts (conversation_id, text, updated_at)
         SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM conversations WHERE id = ?)
       ON CONFLICT(conversation_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM drafts WHERE conversation_id = ?');
  }

  get(conversationId: string): { text: string; updatedAt: number } | null {
    const row = this.selectOne.get(conversationId);
    return row ? { text: row.text, updatedAt: row.updated_at } : null;
  }

  /** An empty text deletes the row. */
  put(conversationId: string, text: string, now: number): void {
    if (text === '') this.remove.run(conversationId);
    else this.upsert.run(conversationId, text, now, conversationId);
  }
}

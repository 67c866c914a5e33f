import type { Database } from 'better-sqlite3';
import type { RecentReply } from '../../../shared/api/schemas/diagnostics';
import { rowToMessage, type MessageRow } from '../store/MessageStore';

const SNIPPET_CHARS = 80;

/** One line of the reply's text, or of its error when it has none, so the user can tell replies apart. */
function snippetOf(row: MessageRow): string {
  const message = rowToMessage(row);
  const text = message.parts
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  const line = text || message.error?.message.replace(/\s+/g, ' ').trim() || '(no text)';
  return line.length > SNIPPET_CHARS ? `${line.slice(0, SNIPPET_CHARS - 1)}…` : line;
}

/**
 * The latest assistant replies that have a chunk log (a stream), newest first, in
 * conversations not deleted: the choice "Report a problem" offers. The ids are found
 * first, so the sort never carries every reply's parts.
 */
export function recentReplies(db: Database, limit: number): RecentReply[] {
  const rows = db
    .prepare<[number], MessageRow & { title: string }>(
      `SELECT m.*, c.title FROM (
         SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.role = 'assistant' AND m.stream_id IS NOT NULL AND c.deleted_at IS NULL
          ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?
       ) r
       JOIN messages m ON m.id = r.id JOIN conversations c ON c.id = m.conversation_id
       ORDER BY m.created_at DESC, m.rowid DESC`,
    )
    .all(limit);
  return rows.map((row) => ({
    messageId: row.id,
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    status: row.status,
    snippet: snippetOf(row),
    createdAt: row.created_at,
  }));
}

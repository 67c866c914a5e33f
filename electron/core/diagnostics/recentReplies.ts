import type { Database } from 'better-sqlite3';
import type { RecentReply } from '../../../shared/api/schemas/diagnostics';
import { messageQueries } from '../store/messageQueries';
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

/** The replies "Report a problem" offers: the latest with a chunk log, newest first. */
export function recentReplies(db: Database, limit: number): RecentReply[] {
  const rows = messageQueries(db).recentReplies(limit);
  return rows.map((row) => ({
    messageId: row.id,
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    status: row.status,
    snippet: snippetOf(row),
    createdAt: row.created_at,
  }));
}

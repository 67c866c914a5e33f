import type { Database, Statement } from 'better-sqlite3';
import type {
  MessageError,
  MessagePart,
  MessageRole,
  MessageStatus,
} from '../../../shared/api/schemas/messages';
import type { IdGenerator } from '../deps';

/** A message brought in by an import: its original times and author, no stream. */
export interface ImportedMessageRow {
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  parts: MessagePart[];
  status: MessageStatus;
  error?: MessageError | null;
  createdAt: number;
  updatedAt: number;
  selectedAt: number;
  /** Who wrote it where it came from: for ChatGPT/Claude the source's name and the model. */
  providerId: string | null;
  providerName: string | null;
  model: string | null;
}

/**
 * The rows an import writes (issue 20): conversations and messages with their original
 * times, shown-version choice and author, and no stream or chunk log. Kept apart from
 * ConversationStore / MessageStore, whose rows are made by chatting, "now". The caller's
 * transaction makes a conversation whole.
 */
export class ImportedRows {
  private readonly q: {
    conversation: Statement<[string, string, number, number]>;
    touch: Statement<[number, string]>;
    message: Statement<[Record<string, string | number | null>]>;
  };

  constructor(
    db: Database,
    private readonly newId: IdGenerator,
  ) {
    this.q = {
      // An imported title counts as the user's: it is never replaced by a generated one.
      conversation: db.prepare(
        "INSERT INTO conversations (id, title, created_at, updated_at, title_source) VALUES (?, ?, ?, ?, 'user')",
      ),
      touch: db.prepare('UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?'),
      message: db.prepare(
        `INSERT INTO messages (id, conversation_id, parent_id, role, parts, status, error, created_at, updated_at,
                               selected_at, provider_id, provider_name, model)
         VALUES (@id, @conversationId, @parentId, @role, @parts, @status, @error, @createdAt, @updatedAt,
                 @selectedAt, @providerId, @providerName, @model)`,
      ),
    };
  }

  createConversation(input: { title: string; createdAt: number; updatedAt: number }): string {
    const id = this.newId();
    this.q.conversation.run(id, input.title, input.createdAt, input.updatedAt);
    return id;
  }

  /** After an import added messages: the conversation was last active at `at` (if later). */
  touchConversation(id: string, at: number): void {
    this.q.touch.run(at, id);
  }

  insertMessage(row: ImportedMessageRow): string {
    const id = this.newId();
    this.q.message.run({
      id,
      conversationId: row.conversationId,
      parentId: row.parentId,
      role: row.role,
      parts: JSON.stringify(row.parts),
      status: row.status,
      error: row.error ? JSON.stringify(row.error) : null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      selectedAt: row.selectedAt,
      providerId: row.providerId,
      providerName: row.providerName,
      model: row.model,
    });
    return id;
  }
}

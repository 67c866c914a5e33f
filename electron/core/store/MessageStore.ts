import type { Database, Statement } from 'better-sqlite3';
import {
  type Message,
  MessageError,
  MessagePart,
  type MessageRole,
  type MessageStatus,
} from '../../../shared/api/schemas/messages';
import { ApiFailure } from '../../../shared/api/result';
import type { Clock, IdGenerator } from '../deps';

export interface MessageRow {
  id: string;
  conversation_id: string;
  role: MessageRole;
  parts: string;
  status: MessageStatus;
  error: string | null;
  created_at: number;
  updated_at: number;
  stream_id: string | null;
  snapshot_seq: number;
  client_request_id: string | null;
}

function parseJson<T>(
  text: string | null,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  fallback: T,
): T {
  if (text === null) return fallback;
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? (result.data as T) : fallback;
  } catch {
    return fallback;
  }
}

const PartsArray = MessagePart.array();

export function rowToMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    role: r.role,
    parts: parseJson(r.parts, PartsArray, []),
    status: r.status,
    error: parseJson(r.error, MessageError, null),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    streamId: r.stream_id,
    snapshotSeq: r.snapshot_seq,
    unsaved: false,
  };
}

interface Position {
  conversationId: string;
  createdAt: number;
  rowid: number;
}

/** The newest stream of a message: who wrote (or is writing) it. */
export interface LatestStream {
  id: string;
  provider: string | null;
  model: string | null;
  status: MessageStatus;
}

export interface NewMessage {
  conversationId: string;
  role: MessageRole;
  parts?: MessagePart[];
  status?: MessageStatus;
  /** A retried request with the same id returns the first message, not a second one. */
  clientRequestId?: string;
}

export interface SnapshotUpdate {
  parts: MessagePart[];
  status: MessageStatus;
  error: MessageError | null;
  snapshotSeq: number;
  streamId?: string | null;
}

/** The live state of streaming messages (the debounced writer), ahead of their rows. */
export interface LiveMessageView {
  overlay(message: Message): Message;
}

export class MessageStore {
  private liveView: LiveMessageView | null = null;

  private readonly q: {
    byConversation: Statement<[string], MessageRow>;
    get: Statement<[string], MessageRow>;
    byRequest: Statement<[string], MessageRow>;
    insert: Statement<[string, string, string, string, string, number, number, string | null]>;
    snapshot: Statement<[string, string, string | null, number, number, string]>;
    setStream: Statement<[string, number, string]>;
    setParts: Statement<[string, number, string]>;
    deleteAfter: Statement<[Position]>;
    position: Statement<[string], { conversation_id: string; created_at: number; rowid: number }>;
    remove: Statement<[string]>;
    latestStream: Statement<[string], LatestStream>;
  };

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.q = {
      byConversation: db.prepare(
        'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid',
      ),
      get: db.prepare('SELECT * FROM messages WHERE id = ?'),
      byRequest: db.prepare('SELECT * FROM messages WHERE client_request_id = ?'),
      insert: db.prepare(
        `INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at, client_request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      snapshot: db.prepare(
        'UPDATE messages SET parts = ?, status = ?, error = ?, snapshot_seq = ?, updated_at = ? WHERE id = ?',
      ),
      setStream: db.prepare('UPDATE messages SET stream_id = ?, updated_at = ? WHERE id = ?'),
      setParts: db.prepare('UPDATE messages SET parts = ?, updated_at = ? WHERE id = ?'),
      // Conversation order is (created_at, rowid), as in byConversation.
      deleteAfter: db.prepare(
        `DELETE FROM messages WHERE conversation_id = @conversationId
           AND (created_at > @createdAt OR (created_at = @createdAt AND rowid > @rowid))`,
      ),
      position: db.prepare('SELECT conversation_id, created_at, rowid FROM messages WHERE id = ?'),
      remove: db.prepare('DELETE FROM messages WHERE id = ?'),
      latestStream: db.prepare(
        `SELECT id, provider, model, status FROM streams WHERE message_id = ?
         ORDER BY started_at DESC, rowid DESC LIMIT 1`,
      ),
    };
  }

  /** Reads go through the live view, so a reloaded window sees what the live one sees. */
  setLiveView(view: LiveMessageView | null): void {
    this.liveView = view;
  }

  list(conversationId: string): Message[] {
    const view = this.liveView;
    const rows = this.q.byConversation.all(conversationId);
    return rows.map((r) => (view ? view.overlay(rowToMessage(r)) : rowToMessage(r)));
  }

  find(id: string): Message | undefined {
    const row = this.q.get.get(id);
    if (!row) return undefined;
    return this.liveView ? this.liveView.overlay(rowToMessage(row)) : rowToMessage(row);
  }

  /** The row as stored, without the live view. */
  findStored(id: string): Message | undefined {
    const row = this.q.get.get(id);
    return row ? rowToMessage(row) : undefined;
  }

  get(id: string): Message {
    const message = this.find(id);
    if (!message) throw new ApiFailure('NOT_FOUND', `No message with id ${id}.`);
    return message;
  }

  /** The message a request with this client request id created, if any. */
  findByRequest(clientRequestId: string): Message | undefined {
    const row = this.q.byRequest.get(clientRequestId);
    return row ? this.get(row.id) : undefined;
  }

  /** Idempotent by `clientRequestId`: the same request never creates a second message. */
  insert(input: NewMessage): Message {
    return this.db.transaction(() => {
      if (input.clientRequestId) {
        const existing = this.q.byRequest.get(input.clientRequestId);
        if (existing) return rowToMessage(existing);
      }
      const id = this.newId();
      const now = this.clock.now();
      this.q.insert.run(
        id,
        input.conversationId,
        input.role,
        JSON.stringify(input.parts ?? []),
        input.status ?? 'complete',
        now,
        now,
        input.clientRequestId ?? null,
      );
      return this.get(id);
    })();
  }

  writeSnapshot(id: string, update: SnapshotUpdate): void {
    this.q.snapshot.run(
      JSON.stringify(update.parts),
      update.status,
      update.error ? JSON.stringify(update.error) : null,
      update.snapshotSeq,
      this.clock.now(),
      id,
    );
  }

  /** Replaces a message's parts (editing a user message). */
  setParts(id: string, parts: MessagePart[]): void {
    const { changes } = this.q.setParts.run(JSON.stringify(parts), this.clock.now(), id);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No message with id ${id}.`);
  }

  /**
   * Deletes the messages after `id` in its conversation (and `id` itself when
   * `including`); their streams and chunk logs go with them (cascade). Returns how many.
   */
  deleteAfter(id: string, options: { including: boolean }): number {
    return this.db.transaction(() => {
      const at = this.q.position.get(id);
      if (!at) return 0;
      const position = { conversationId: at.conversation_id, createdAt: at.created_at, rowid: at.rowid };
      const after = this.q.deleteAfter.run(position).changes;
      return after + (options.including ? this.q.remove.run(id).changes : 0);
    })();
  }

  latestStream(id: string): LatestStream | undefined {
    return this.q.latestStream.get(id);
  }

  setStream(id: string, streamId: string): void {
    this.q.setStream.run(streamId, this.clock.now(), id);
  }
}

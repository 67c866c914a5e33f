import type { Database, Statement } from 'better-sqlite3';
import {
  type Message,
  MessageError,
  MessagePart,
  type MessageRole,
  type MessageStatus,
} from '../../../shared/api/schemas/messages';
import { ApiFailure } from '../../../shared/api/result';
import { shownPath } from '../../../shared/tree';
import { addUsage, Usage } from '../../../shared/usage';
import type { Clock, IdGenerator } from '../deps';
import { streamQueries, streamSql, type LatestStream } from '../stream/streamQueries';

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
  parent_id: string | null;
  selected_at: number;
  deleted_at: number | null;
  provider_id: string | null;
  provider_name: string | null;
  model: string | null;
  /** JSON array of the finish chunks of the message's streams (USAGE_COLUMN); absent from plain selects. */
  finishes?: string | null;
}

/**
 * A reply's usage is read from its streams' finish chunks (the chunk log is the record:
 * written before any window saw the reply, so it survives a crash), in the same
 * statement as the rows: the stream folder writes that subquery (`streamSql`).
 */
const SELECT_WITH_USAGE = `SELECT m.*, ${streamSql.finishChunksOf('m.id')} AS finishes
  FROM messages AS m`;

function usageOf(finishes: string | null | undefined): Usage | null {
  if (!finishes) return null;
  let total: Usage | null = null;
  try {
    for (const chunk of JSON.parse(finishes) as { usage?: unknown }[]) {
      const usage = Usage.safeParse(chunk.usage);
      if (usage.success) total = addUsage(total, usage.data);
    }
  } catch {
    // An unreadable chunk adds nothing.
  }
  return total;
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
    parentId: r.parent_id,
    selectedAt: r.selected_at,
    providerId: r.provider_id,
    providerName: r.provider_name,
    model: r.model,
    usage: usageOf(r.finishes),
  };
}

/** Who answered a reply: the provider's id and its name at the time, and the model. */
export interface Answerer {
  providerId: string;
  providerName: string;
  model: string;
}

export interface NewMessage {
  conversationId: string;
  /**
   * The message this one answers or follows (null: a first message). Left out, the
   * message follows the conversation's shown branch, as a linear chat would.
   */
  parentId?: string | null;
  role: MessageRole;
  answerer?: Answerer;
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
    insert: Statement<
      [
        string,
        string,
        string | null,
        string,
        string,
        string,
        number,
        number,
        number,
        string | null,
        string | null,
        string | null,
        string | null,
      ]
    >;
    snapshot: Statement<[string, string, string | null, number, number, string]>;
    setStream: Statement<[string, number, string]>;
    setAnswerer: Statement<[string, string, string, number, string]>;
    select: Statement<[{ at: number; id: string }]>;
    lastSelected: Statement<[string], number>;
  };

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {
    this.q = {
      byConversation: db.prepare(
        `${SELECT_WITH_USAGE} WHERE m.conversation_id = ? AND m.deleted_at IS NULL ORDER BY m.created_at, m.rowid`,
      ),
      get: db.prepare(`${SELECT_WITH_USAGE} WHERE m.id = ?`),
      byRequest: db.prepare(`${SELECT_WITH_USAGE} WHERE m.client_request_id = ?`),
      insert: db.prepare(
        `INSERT INTO messages (id, conversation_id, parent_id, role, parts, status, created_at, updated_at,
                               selected_at, client_request_id, provider_id, provider_name, model)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      snapshot: db.prepare(
        'UPDATE messages SET parts = ?, status = ?, error = ?, snapshot_seq = ?, updated_at = ? WHERE id = ?',
      ),
      setStream: db.prepare('UPDATE messages SET stream_id = ?, updated_at = ? WHERE id = ?'),
      setAnswerer: db.prepare(
        'UPDATE messages SET provider_id = ?, provider_name = ?, model = ?, updated_at = ? WHERE id = ?',
      ),
      // The message and every message above it become the shown ones among their siblings.
      select: db.prepare(
        `WITH RECURSIVE up(id, parent_id) AS (
           SELECT id, parent_id FROM messages WHERE id = @id
           UNION SELECT m.id, m.parent_id FROM messages AS m JOIN up ON m.id = up.parent_id
         )
         UPDATE messages SET selected_at = @at WHERE id IN (SELECT id FROM up)`,
      ),
      lastSelected: db
        .prepare<[string], number>(
          'SELECT coalesce(max(selected_at), 0) FROM messages WHERE conversation_id = ?',
        )
        .pluck(),
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

  /** A deleted version (in its undo window) is not found: every call treats it as gone. */
  find(id: string): Message | undefined {
    const row = this.q.get.get(id);
    if (!row || row.deleted_at !== null) return undefined;
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
    return this.db
      .transaction(() => {
        if (input.clientRequestId) {
          const existing = this.q.byRequest.get(input.clientRequestId);
          if (existing) return rowToMessage(existing);
        }
        const id = this.newId();
        const now = this.clock.now();
        const who = input.answerer;
        // A new version is the one shown: it is what the user just asked for.
        const selectedAt = this.nextSelection(input.conversationId);
        this.q.insert.run(
          id,
          input.conversationId,
          input.parentId === undefined ? this.shownLeaf(input.conversationId) : input.parentId,
          input.role,
          JSON.stringify(input.parts ?? []),
          input.status ?? 'complete',
          now,
          now,
          selectedAt,
          input.clientRequestId ?? null,
          who?.providerId ?? null,
          who?.providerName ?? null,
          who?.model ?? null,
        );
        // The branch above it is shown too, so a version made from a hidden one is seen.
        this.q.select.run({ at: selectedAt, id });
        return this.get(id);
      })
      .immediate();
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

  /** Records who answers a reply (at each start or Continue: the latest stream's). */
  setAnswerer(id: string, who: Answerer): void {
    this.q.setAnswerer.run(who.providerId, who.providerName, who.model, this.clock.now(), id);
  }

  /**
   * Shows this version: it and every message above it become the chosen ones among
   * their siblings, so the branch below each stays as it was last shown.
   */
  select(id: string): void {
    const message = this.get(id); // NOT_FOUND
    this.q.select.run({ at: this.nextSelection(message.conversationId), id });
  }

  /** The last message of the conversation's shown branch, if it has any message. */
  shownLeaf(conversationId: string): string | null {
    const path = shownPath(this.q.byConversation.all(conversationId).map(rowToMessage));
    return path.at(-1)?.id ?? null;
  }

  /**
   * Later than any choice made in the conversation, even within one millisecond (or
   * with a clock that went back), so the latest choice is always the one shown.
   */
  private nextSelection(conversationId: string): number {
    return Math.max(this.clock.now(), this.q.lastSelected.get(conversationId)! + 1);
  }

  latestStream(id: string): LatestStream | undefined {
    return streamQueries(this.db).latestOfMessage(id);
  }

  setStream(id: string, streamId: string): void {
    this.q.setStream.run(streamId, this.clock.now(), id);
  }
}

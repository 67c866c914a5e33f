import type { Database, Statement } from 'better-sqlite3';
import type { Message } from '../../../shared/api/schemas/messages';
import { streamReply, type FetchFn, type ProviderRegistry, type ReplyMessage } from '../providers';
import type { MessageStore } from '../store/MessageStore';
import type { CommitBatch, StreamListener } from '../stream/types';
import { cleanGeneratedTitle, heuristicTitle, MAX_ANSWER_CHARS } from './titleText';

export interface TitleServiceDeps {
  db: Database;
  messages: MessageStore;
  providers: ProviderRegistry;
  /** Ask the reply's provider for a title (default true); false = the heuristic only. */
  askProvider?: boolean;
  /** The whole title request, default 20 s; then the heuristic is used. */
  timeoutMs?: number;
  fetch?: FetchFn;
  /** A conversation got its title. */
  titled(conversationId: string): void;
  onInternalError(err: unknown, where: string): void;
}

const INSTRUCTION =
  'Write a title for this conversation: at most six words, in the language of the user, ' +
  'no quotes, no final punctuation. Answer with the title only.';
const EXCERPT_CHARS = 800;

/**
 * Names a conversation after its first exchange. Listens to the engine: when the
 * first reply of a conversation still titled by default completes, asks the same
 * provider for a short title (in the background: it never delays or fails the chat)
 * and falls back to the first line of the user's message when that request fails or
 * answers something that is not a title. A title someone typed is never replaced:
 * the final UPDATE only applies while `title_source` is still 'default'.
 */
export class TitleService implements StreamListener {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private closed = false;
  private readonly q: {
    candidate: Statement<[string], { conversation_id: string }>;
    firstOf: Statement<[string, string], string>;
    apply: Statement<[string, string]>;
  };

  constructor(private readonly deps: TitleServiceDeps) {
    this.q = {
      candidate: deps.db.prepare(
        `SELECT m.conversation_id FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id
          WHERE m.id = ? AND c.title_source = 'default' AND c.deleted_at IS NULL`,
      ),
      firstOf: deps.db
        .prepare<[string, string], string>(
          'SELECT id FROM messages WHERE conversation_id = ? AND role = ? ORDER BY created_at, rowid LIMIT 1',
        )
        .pluck(),
      apply: deps.db.prepare(
        `UPDATE conversations SET title = ?, title_source = 'generated'
          WHERE id = ? AND title_source = 'default' AND deleted_at IS NULL`,
      ),
    };
  }

  committed(batch: CommitBatch): void {
    for (const end of batch.ended) if (end.status === 'complete') this.consider(end.messageId);
  }

  /** Titles the conversation of this reply if it is its first reply and it has no title yet. */
  consider(replyId: string): void {
    if (this.closed) return;
    const row = this.q.candidate.get(replyId);
    if (!row || this.running.has(row.conversation_id)) return;
    const conversationId = row.conversation_id;
    if (this.q.firstOf.get(conversationId, 'assistant') !== replyId) return;
    const questionId = this.q.firstOf.get(conversationId, 'user');
    const question = questionId ? this.deps.messages.findStored(questionId) : undefined;
    const reply = this.deps.messages.find(replyId);
    if (!question || !reply) return;
    const abort = new AbortController();
    const done = this.title(conversationId, question, reply, abort.signal)
      .catch((err: unknown) => this.deps.onInternalError(err, 'titles'))
      .finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, { abort, done });
  }

  /** At quit: aborts title requests in flight and waits for them (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.running.values()];
    for (const r of running) r.abort.abort();
    await Promise.all(running.map((r) => r.done));
  }

  private async title(conversationId: string, question: Message, reply: Message, signal: AbortSignal) {
    const asked = this.deps.askProvider === false ? null : await this.ask(question, reply, signal);
    const title = asked ?? heuristicTitle(textOf(question));
    if (!title || this.closed) return;
    if (this.q.apply.run(title, conversationId).changes > 0) this.deps.titled(conversationId);
  }

  /** The provider's title, or null on any failure or an answer that is not a title. */
  private async ask(question: Message, reply: Message, signal: AbortSignal): Promise<string | null> {
    const stream = this.deps.messages.latestStream(reply.id);
    if (!stream?.provider || !stream.model) return null;
    let config, apiKey;
    try {
      ({ config, apiKey } = await this.deps.providers.resolve(stream.provider));
    } catch {
      return null; // the provider was removed meanwhile
    }
    const timeoutMs = this.deps.timeoutMs ?? 20_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const messages: ReplyMessage[] = [
      { role: 'system', parts: [{ type: 'text', text: INSTRUCTION }] },
      {
        role: 'user',
        parts: [
          {
            type: 'text',
            text:
              `User: ${textOf(question).slice(0, EXCERPT_CHARS)}\n\n` +
              `Assistant: ${textOf(reply).slice(0, EXCERPT_CHARS)}\n\n${INSTRUCTION}`,
          },
        ],
      },
    ];
    let answer = '';
    for await (const chunk of streamReply({
      config,
      apiKey,
      model: stream.model,
      messages,
      abortSignal: AbortSignal.any([signal, timeout]),
      rawCapture: false,
      maxOutputTokens: 32,
      retry: { maxRetries: 0 },
      firstChunkTimeoutMs: timeoutMs,
      idleTimeoutMs: timeoutMs,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    })) {
      if (chunk.type === 'error' || chunk.type === 'abort') return null;
      if (chunk.type === 'text-delta') answer += chunk.delta;
      // Far too long for a title: stop reading (this closes the request) and use the heuristic.
      if (answer.length > MAX_ANSWER_CHARS) return null;
    }
    return cleanGeneratedTitle(answer);
  }
}

function textOf(message: Message): string {
  return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

import type { Database, Statement } from 'better-sqlite3';
import type { Message } from '../../../shared/api/schemas/messages';
import { historyBefore } from '../../../shared/tree';
import type { ProviderRegistry } from '../providers';
import type { FetchFn } from '../providers/models';
import type { ConversationStore } from '../store/ConversationStore';
import { messageQueries } from '../store/messageQueries';
import type { MessageStore } from '../store/MessageStore';
import type { SettingsStore } from '../store/SettingsStore';
import type { CommitBatch, StreamListener } from '../stream/types';
import { askForTitle, type TitleAskDeps } from './askForTitle';
import { heuristicTitle } from './titleText';

export interface TitleServiceDeps {
  db: Database;
  conversations: ConversationStore;
  messages: MessageStore;
  providers: ProviderRegistry;
  /** `generateTitles` (the user's switch) and the default provider, read at each title. */
  settings: SettingsStore;
  /** false = never ask a model, whatever the setting says (tests and benchmarks that count requests). */
  askProvider?: boolean;
  /** The whole title request, default 20 s; then the first message is used. */
  timeoutMs?: number;
  fetch?: FetchFn;
  local?: TitleAskDeps['local'];
  /** A conversation got its title. */
  titled(conversationId: string): void;
  onInternalError(err: unknown, where: string): void;
}

interface Running {
  abort: AbortController;
  done: Promise<void>;
  /** Asking the in-process model, which a reply would have to wait for. */
  local: boolean;
}

/**
 * Names a conversation after its first exchange. Listens to the engine: when the
 * first reply of a conversation still titled by default completes, asks a model for a
 * short title (askForTitle.ts), in the background: it never delays or fails the chat.
 * With the setting off, on any failure, or an answer that is not a title, the first
 * line of the user's message is the title. A title someone typed is never replaced,
 * also when they rename while the model is still answering: the final UPDATE only
 * applies while `title_source` is still 'default'.
 */
export class TitleService implements StreamListener {
  private readonly running = new Map<string, Running>();
  /** Asked once per conversation: a first message with no words (say "👍") leaves it untitled, not re-asked per reply. */
  private readonly tried = new Set<string>();
  private closed = false;
  private readonly q: {
    apply: Statement<[string, string]>;
  };

  constructor(private readonly deps: TitleServiceDeps) {
    this.q = {
      apply: deps.db.prepare(
        `UPDATE conversations SET title = ?, title_source = 'generated'
          WHERE id = ? AND title_source = 'default' AND deleted_at IS NULL`,
      ),
    };
  }

  committed(batch: CommitBatch): void {
    for (const end of batch.ended) if (end.status === 'complete') this.consider(end.messageId);
  }

  /** A reply starting: a title the local model is writing gives way (the reply would wait for it). */
  streamStarted(): void {
    for (const r of this.running.values()) if (r.local) r.abort.abort();
  }

  /**
   * Titles the conversation of this reply if it has no title yet: the first reply to
   * complete names it (one that failed, and the version regenerated after it, do not
   * leave it "New chat"); once titled, later replies leave it alone.
   */
  consider(replyId: string): void {
    if (this.closed) return;
    const conversationId = messageQueries(this.deps.db).untitledConversationOf(replyId);
    if (!conversationId || this.running.has(conversationId) || this.tried.has(conversationId)) return;
    const reply = this.deps.messages.find(replyId);
    // The question is the one this reply's branch starts with (an edited first message is another branch).
    const question = reply
      ? historyBefore(this.deps.messages.list(conversationId), replyId).find((m) => m.role === 'user')
      : undefined;
    if (!question || !reply) return;
    this.tried.add(conversationId);
    const running: Running = { abort: new AbortController(), done: Promise.resolve(), local: false };
    running.done = this.title(conversationId, question, reply, running)
      .catch((err: unknown) => this.deps.onInternalError(err, 'titles'))
      .finally(() => this.running.delete(conversationId));
    this.running.set(conversationId, running);
  }

  /** Resolves once no title is being made (tests wait on it rather than on a clock). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** At quit: aborts title requests in flight and waits for them (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const r of this.running.values()) r.abort.abort();
    await this.idle();
  }

  private async title(conversationId: string, question: Message, reply: Message, running: Running) {
    const asked = this.asking() ? await this.ask(conversationId, question, reply, running) : null;
    const title = asked ?? heuristicTitle(questionText(question));
    // Also at quit (a `spool chat` run ends right after its reply): the request given up,
    // the first message still names the chat rather than leaving it "New chat".
    if (!title) return;
    if (this.q.apply.run(title, conversationId).changes > 0) this.deps.titled(conversationId);
  }

  private asking(): boolean {
    return this.deps.askProvider !== false && this.deps.settings.get().generateTitles;
  }

  private ask(conversationId: string, question: Message, reply: Message, running: Running) {
    const stream = this.deps.messages.latestStream(reply.id);
    const conversation = this.deps.conversations.get(conversationId);
    const timeout = AbortSignal.timeout(this.deps.timeoutMs ?? 20_000);
    return askForTitle(
      {
        providers: this.deps.providers,
        settings: () => this.deps.settings.get(),
        ...(this.deps.local ? { local: this.deps.local } : {}),
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      },
      {
        question: questionText(question),
        answer: textOf(reply),
        answeredBy: { providerId: stream?.provider ?? reply.providerId, model: stream?.model ?? reply.model },
        conversation: { providerId: conversation.provider, model: conversation.model },
        signal: AbortSignal.any([running.abort.signal, timeout]),
        onTarget: (kind) => void (running.local = kind === 'local'),
      },
    );
  }
}

function textOf(message: Message): string {
  return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** The first message's words; a message of attachments only is named by its files. */
function questionText(message: Message): string {
  const text = textOf(message);
  if (text.trim()) return text;
  return message.parts
    .flatMap((p) =>
      p.type === 'file' ? [p.filename ?? (p.mediaType.startsWith('image/') ? 'Image' : 'File')] : [],
    )
    .join(', ');
}

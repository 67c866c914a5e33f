/**
 * Send, Stop, Continue, Regenerate, Edit-and-resend (see README.md). Each write is
 * one transaction whose last step starts the engine stream, so a failure leaves
 * nothing half-written; the provider is pumped only after that commit.
 */
import type { Database } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ProviderRegistry } from '../providers';
import type { ConversationStore } from '../store/ConversationStore';
import type { MessageStore } from '../store/MessageStore';
import type { SettingsStore } from '../store/SettingsStore';
import type { StreamEngine } from '../stream/StreamEngine';
import { chooseModel, type ChoiceSource } from './chooseModel';
import { ReplyRunner, type ReplyRunnerDeps, type ReplyTarget } from './ReplyRunner';

export interface SendRequest {
  conversationId: string;
  text: string;
  /** A retried send with the same id returns the first result. */
  clientRequestId?: string;
  providerId?: string;
  model?: string;
}

export interface SentMessage {
  userMessage: Message;
  reply: StartedReply;
}

export interface ChatServiceDeps {
  db: Database;
  conversations: ConversationStore;
  messages: MessageStore;
  settings: SettingsStore;
  providers: ProviderRegistry;
  engine: StreamEngine;
  retry?: ReplyRunnerDeps['retry'];
  fetch?: ReplyRunnerDeps['fetch'];
  local?: ReplyRunnerDeps['local'];
  onProviderRetry?: ReplyRunnerDeps['onProviderRetry'];
  onInternalError(err: unknown, where: string): void;
}

const CONTINUABLE = new Set<Message['status']>(['interrupted', 'cancelled', 'error']);

function textOf(message: Message): string {
  return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

export class ChatService {
  private readonly runner: ReplyRunner;
  private closed = false;

  constructor(private readonly deps: ChatServiceDeps) {
    this.runner = new ReplyRunner(deps);
  }

  async send(request: SendRequest): Promise<SentMessage> {
    this.assertOpen();
    const conversation = this.deps.conversations.get(request.conversationId);
    const first = request.clientRequestId && this.firstResult(request.clientRequestId);
    if (first) return first;
    const target = await this.target(conversation, { providerId: request.providerId, model: request.model });
    this.assertOpen();
    let replay: SentMessage | undefined;
    const started = this.deps.db.transaction(() => {
      // Checked again inside: a concurrent retry may have won while the key was read.
      replay = request.clientRequestId ? this.firstResult(request.clientRequestId) : undefined;
      if (replay) return undefined;
      this.deps.conversations.get(request.conversationId);
      const userMessage = this.deps.messages.insert({
        conversationId: request.conversationId,
        role: 'user',
        parts: [{ type: 'text', text: request.text }],
        status: 'complete',
        ...(request.clientRequestId ? { clientRequestId: request.clientRequestId } : {}),
      });
      return { userMessage, ...this.startReply(userMessage.conversationId, target) };
    })();
    if (!started) return replay!;
    this.runner.run(started.handle, started.prepared);
    return { userMessage: started.userMessage, reply: this.started(started.handle.messageId) };
  }

  /** Explicit Stop. Resolves once the reply is `cancelled`; false when it was not running here. */
  async stop(messageId: string): Promise<{ messageId: string; stopped: boolean }> {
    this.deps.messages.get(messageId);
    const stopped = await this.runner.stop(messageId);
    // Commit the abort now, so the reply (and every window) already says 'cancelled'.
    if (stopped) this.deps.engine.flush();
    return { messageId, stopped };
  }

  /** A new stream of the same message, sent the partial text to carry on from. */
  async continue(messageId: string): Promise<StartedReply> {
    this.assertOpen();
    const message = this.assistant(messageId);
    if (!CONTINUABLE.has(message.status) || this.runner.isLive(messageId)) {
      throw new ApiFailure(
        'CONFLICT',
        `Only an interrupted, stopped or failed reply can be continued; this one is ${message.status}.`,
      );
    }
    const conversation = this.deps.conversations.get(message.conversationId);
    const latest = this.deps.messages.latestStream(messageId);
    const previous: ChoiceSource | undefined = latest && { providerId: latest.provider, model: latest.model };
    const target = await this.target(conversation, {}, previous);
    this.assertOpen();
    const started = this.deps.db.transaction(() => {
      const now = this.assistant(messageId);
      if (!CONTINUABLE.has(now.status))
        throw new ApiFailure('CONFLICT', `The reply changed meanwhile; it is ${now.status}.`);
      const prepared = this.runner.prepare(target, this.historyBefore(now), textOf(now));
      return { handle: this.runner.open(messageId, prepared), prepared };
    })();
    this.runner.run(started.handle, started.prepared);
    return this.started(messageId);
  }

  /**
   * A fresh reply to the same prompt: the old reply, and anything after it, is deleted
   * (its streams and chunks cascade) and a new assistant message takes its place. A
   * reply still streaming here is stopped first. (A new message rather than a reset in
   * place, so recovery's fold over all streams of a message never mixes two answers.)
   */
  async regenerate(messageId: string): Promise<StartedReply> {
    this.assertOpen();
    const message = this.assistant(messageId);
    const conversation = this.deps.conversations.get(message.conversationId);
    const target = await this.target(conversation, {});
    await this.quiesceFrom(message);
    const started = this.deps.db.transaction(() => {
      this.assistant(messageId); // NOT_FOUND if deleted meanwhile
      this.assertNothingStreamingFrom(message);
      this.deps.messages.deleteAfter(messageId, { including: true });
      return this.startReply(message.conversationId, target);
    })();
    this.runner.run(started.handle, started.prepared);
    return this.started(started.handle.messageId);
  }

  /** Replaces a user message's text, deletes everything after it, and asks again. */
  async editAndResend(messageId: string, text: string): Promise<SentMessage> {
    this.assertOpen();
    const message = this.deps.messages.get(messageId);
    if (message.role !== 'user')
      throw new ApiFailure('CONFLICT', `Only a user message can be edited; ${messageId} is ${message.role}.`);
    const conversation = this.deps.conversations.get(message.conversationId);
    const target = await this.target(conversation, {});
    await this.quiesceFrom(message);
    const started = this.deps.db.transaction(() => {
      this.deps.messages.get(messageId);
      this.assertNothingStreamingFrom(message);
      this.deps.messages.setParts(messageId, [{ type: 'text', text }]);
      this.deps.messages.deleteAfter(messageId, { including: false });
      return this.startReply(message.conversationId, target);
    })();
    this.runner.run(started.handle, started.prepared);
    return { userMessage: this.deps.messages.get(messageId), reply: this.started(started.handle.messageId) };
  }

  /** Before a conversation is deleted: stops its replies, so no stream loses its rows under it. */
  async stopConversation(conversationId: string): Promise<void> {
    const ids = this.runner
      .liveMessageIds()
      .filter((id) => this.deps.messages.findStored(id)?.conversationId === conversationId);
    const stopped = await Promise.all(ids.map((id) => this.runner.stop(id)));
    if (stopped.some(Boolean)) this.deps.engine.flush();
  }

  setModel(conversationId: string, providerId: string, model: string): Conversation {
    this.deps.providers.get(providerId); // NOT_FOUND for an unknown provider
    return this.deps.conversations.setModel(conversationId, providerId, model);
  }

  /** At quit, after engine.interruptAll(): aborts the provider requests and waits for the pumps. */
  async close(): Promise<void> {
    this.closed = true;
    await this.runner.close();
  }

  /**
   * Inside a transaction: a new assistant message at the end, the conversation's model,
   * the stream. The message is created 'interrupted' and becomes 'streaming' only as
   * its stream row is written (engine.start, same transaction): it can never be
   * 'streaming' without a stream, which recovery could not end (§3.7).
   */
  private startReply(conversationId: string, target: ReplyTarget) {
    const history = this.deps.messages.list(conversationId);
    const reply = this.deps.messages.insert({ conversationId, role: 'assistant', status: 'interrupted' });
    this.deps.conversations.setModel(conversationId, target.config.id, target.model);
    const prepared = this.runner.prepare(target, history);
    return { handle: this.runner.open(reply.id, prepared), prepared };
  }

  private async target(
    conversation: Conversation,
    request: { providerId?: string; model?: string },
    previous?: ChoiceSource,
  ): Promise<ReplyTarget> {
    const providers = (await this.deps.providers.list()).providers;
    const choice = chooseModel({
      providers,
      request,
      ...(previous ? { previous } : {}),
      conversation: { providerId: conversation.provider, model: conversation.model },
      settings: this.deps.settings.get(),
    });
    const { config, apiKey } = await this.deps.providers.resolve(choice.config.id);
    return { config, apiKey, model: choice.model };
  }

  /** The first send with this client request id: its user message and the reply after it. */
  private firstResult(clientRequestId: string): SentMessage | undefined {
    const userMessage = this.deps.messages.findByRequest(clientRequestId);
    if (!userMessage) return undefined;
    const list = this.deps.messages.list(userMessage.conversationId);
    const reply = list[list.findIndex((m) => m.id === userMessage.id) + 1];
    if (!reply || reply.role !== 'assistant' || !reply.streamId) {
      throw new ApiFailure(
        'CONFLICT',
        `Request ${clientRequestId} was already sent and its reply has since been replaced or deleted.`,
      );
    }
    return { userMessage, reply: { message: reply, streamId: reply.streamId } };
  }

  private started(messageId: string): StartedReply {
    const message = this.deps.messages.get(messageId);
    return { message, streamId: message.streamId! };
  }

  private assistant(messageId: string): Message {
    const message = this.deps.messages.get(messageId);
    if (message.role !== 'assistant')
      throw new ApiFailure('CONFLICT', `Message ${messageId} is a ${message.role} message, not a reply.`);
    return message;
  }

  /** The messages a reply answers: everything before it in its conversation. */
  private historyBefore(message: Message): Message[] {
    const list = this.deps.messages.list(message.conversationId);
    return list.slice(
      0,
      Math.max(
        0,
        list.findIndex((m) => m.id === message.id),
      ),
    );
  }

  /** The message and those after it, in conversation order. */
  private fromOnwards(message: Message): Message[] {
    const list = this.deps.messages.list(message.conversationId);
    return list.slice(
      Math.max(
        0,
        list.findIndex((m) => m.id === message.id),
      ),
    );
  }

  /** Stops our own replies at or after `message` and waits until they have ended and committed. */
  private async quiesceFrom(message: Message): Promise<void> {
    this.assertNothingStreamingFrom(message, { ownReplies: false });
    const stopping = this.fromOnwards(message).map((m) => this.runner.stop(m.id));
    if ((await Promise.all(stopping)).some(Boolean)) this.deps.engine.flush();
    this.assertOpen();
  }

  /** A reply being written by another Spool process (or, inside a transaction, still by us) blocks. */
  private assertNothingStreamingFrom(message: Message, { ownReplies = true } = {}): void {
    const busy = this.fromOnwards(message).find(
      (m) => m.status === 'streaming' && (ownReplies || !this.runner.isLive(m.id)),
    );
    if (busy) {
      throw new ApiFailure(
        'CONFLICT',
        `Reply ${busy.id} is still being written${this.runner.isLive(busy.id) ? '' : ' by another Spool window or process'}; stop it first.`,
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ApiFailure('UNAVAILABLE', 'Spool is shutting down.');
  }
}

/**
 * Send, Stop, Continue, Regenerate, Edit-and-resend (see README.md). Each write is
 * one transaction whose last step starts the engine stream, so a failure leaves
 * nothing half-written; the provider is pumped only after that commit.
 *
 * Nothing here deletes: a conversation is a tree (shared/tree.ts). Send follows the
 * shown branch, Regenerate adds a sibling reply, Edit & resend a sibling user message
 * with its own reply, Continue extends the reply it is on. Every version keeps its
 * own streams and chunk log, and one still streaming goes on while another is shown.
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
import type { AttachmentService } from '../attachments';
import type { ChoiceSource } from './chooseModel';
import { findFirstSend, type SentMessage } from './firstSend';
import { assertContinuable, assertNotStreaming, assistantMessage } from './replyChecks';
import { promptAbove, promptThrough } from './replyPrompt';
import { ReplyRunner, type ReplyRunnerDeps, type ReplyTarget } from './ReplyRunner';
import { answerer, conversationInput, resolveTarget, type ModelOverride } from './replyTarget';
import { assertSomethingToSend, filePartsOf, userMessageParts } from './userMessageParts';
import { writeTransaction } from './writeTransaction';

export type { ModelOverride } from './replyTarget';
export type { SentMessage } from './firstSend';

export interface SendRequest {
  conversationId: string;
  text: string;
  /** A retried send with the same id returns the first result. */
  clientRequestId?: string;
  providerId?: string;
  model?: string;
  /** Attachments on the conversation's draft to send with the text (core/attachments). */
  attachmentIds?: readonly string[];
}

export interface ChatServiceDeps {
  db: Database;
  conversations: ConversationStore;
  messages: MessageStore;
  settings: SettingsStore;
  providers: ProviderRegistry;
  engine: StreamEngine;
  /** Absent: messages carry no attachments (tests of the chat flow alone). */
  attachments?: AttachmentService;
  retry?: ReplyRunnerDeps['retry'];
  fetch?: ReplyRunnerDeps['fetch'];
  local?: ReplyRunnerDeps['local'];
  onProviderRetry?: ReplyRunnerDeps['onProviderRetry'];
  onInternalError(err: unknown, where: string): void;
}

function textOf(message: Message): string {
  return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

export class ChatService {
  private readonly runner: ReplyRunner;
  private readonly isLiveHere = (messageId: string) => this.runner.isLive(messageId);
  private closed = false;

  constructor(private readonly deps: ChatServiceDeps) {
    this.runner = new ReplyRunner(deps);
  }

  async send(request: SendRequest): Promise<SentMessage> {
    this.assertOpen();
    const conversation = this.deps.conversations.get(request.conversationId);
    const first = request.clientRequestId && findFirstSend(this.deps.messages, request.clientRequestId);
    if (first) return first;
    const target = await this.target(conversation, { providerId: request.providerId, model: request.model });
    const attachmentIds = request.attachmentIds ?? [];
    assertSomethingToSend(request.text, attachmentIds.length);
    if (attachmentIds.length)
      this.attachments().checkSendable(request.conversationId, attachmentIds, target.config.kind);
    this.assertOpen();
    let replay: SentMessage | undefined;
    const started = await writeTransaction(this.deps.db, () => {
      // Checked again inside: a concurrent retry may have won while the key was read.
      replay = request.clientRequestId
        ? findFirstSend(this.deps.messages, request.clientRequestId)
        : undefined;
      if (replay) return undefined;
      this.deps.conversations.get(request.conversationId);
      const userMessage = this.deps.messages.insert({
        conversationId: request.conversationId,
        parentId: this.deps.messages.shownLeaf(request.conversationId),
        role: 'user',
        parts: userMessageParts(
          request.text,
          // Taken off the draft in this transaction: on the message, or still on the draft.
          attachmentIds.length ? this.attachments().takeFromDraft(request.conversationId, attachmentIds) : [],
        ),
        status: 'complete',
        ...(request.clientRequestId ? { clientRequestId: request.clientRequestId } : {}),
      });
      return { userMessage, ...this.startReply(userMessage, target) };
    });
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

  /**
   * A new stream of the same message, sent the partial text to carry on from. By
   * default the model that wrote the reply continues it.
   */
  async continue(messageId: string, override: ModelOverride = {}): Promise<StartedReply> {
    this.assertOpen();
    const message = assistantMessage(this.deps.messages, messageId);
    assertContinuable(message, this.isLiveHere);
    const conversation = this.deps.conversations.get(message.conversationId);
    const latest = this.deps.messages.latestStream(messageId);
    const previous: ChoiceSource | undefined = message.providerId
      ? { providerId: message.providerId, model: message.model }
      : latest && { providerId: latest.provider, model: latest.model };
    const target = await this.target(conversation, override, previous);
    this.assertOpen();
    const started = await writeTransaction(this.deps.db, () => {
      const now = assistantMessage(this.deps.messages, messageId);
      assertContinuable(now, this.isLiveHere);
      const input = conversationInput(
        this.deps.settings,
        this.deps.conversations.get(now.conversationId),
        target,
      );
      const prepared = this.runner.prepare(target, input, promptAbove(this.deps, now), textOf(now));
      this.deps.messages.setAnswerer(messageId, answerer(target));
      return { handle: this.runner.open(messageId, prepared), prepared };
    });
    this.runner.run(started.handle, started.prepared);
    return this.started(messageId);
  }

  /**
   * A fresh reply to the same prompt, as a new version beside the old one (a sibling
   * with the same parent), shown from now on. The old reply keeps its text, streams
   * and chunk log; one still streaming is a CONFLICT (stop it, or wait).
   */
  async regenerate(messageId: string, override: ModelOverride = {}): Promise<StartedReply> {
    this.assertOpen();
    const message = assistantMessage(this.deps.messages, messageId);
    assertNotStreaming(message, this.isLiveHere);
    const conversation = this.deps.conversations.get(message.conversationId);
    const target = await this.target(conversation, override);
    this.assertOpen();
    const started = await writeTransaction(this.deps.db, () => {
      const now = assistantMessage(this.deps.messages, messageId); // NOT_FOUND if deleted meanwhile
      assertNotStreaming(now, this.isLiveHere);
      const parent = now.parentId === null ? undefined : this.deps.messages.get(now.parentId);
      if (!parent)
        throw new ApiFailure('CONFLICT', `Reply ${messageId} answers no message; nothing to ask again.`);
      return this.startReply(parent, target);
    });
    this.runner.run(started.handle, started.prepared);
    return this.started(started.handle.messageId);
  }

  /**
   * Asks again with other words: a new user message beside the edited one (same
   * parent) with its own reply, shown from now on. The edited message and every
   * reply below it stay as they were, as another version.
   */
  async editAndResend(messageId: string, text: string, override: ModelOverride = {}): Promise<SentMessage> {
    this.assertOpen();
    const message = this.deps.messages.get(messageId);
    if (message.role !== 'user')
      throw new ApiFailure('CONFLICT', `Only a user message can be edited; ${messageId} is ${message.role}.`);
    assertSomethingToSend(text, filePartsOf(message.parts).length);
    const conversation = this.deps.conversations.get(message.conversationId);
    const target = await this.target(conversation, override);
    this.assertOpen();
    const started = await writeTransaction(this.deps.db, () => {
      const now = this.deps.messages.get(messageId); // NOT_FOUND if deleted meanwhile
      const userMessage = this.deps.messages.insert({
        conversationId: now.conversationId,
        parentId: now.parentId,
        role: 'user',
        // New words, the same attachments: they are part of what is asked again.
        parts: userMessageParts(text, filePartsOf(now.parts)),
        status: 'complete',
      });
      return { userMessage, ...this.startReply(userMessage, target) };
    });
    this.runner.run(started.handle, started.prepared);
    return { userMessage: started.userMessage, reply: this.started(started.handle.messageId) };
  }

  /** Shows a version (and the branch below it as last shown); see MessageStore.select. */
  select(messageId: string): { conversationId: string; messages: Message[] } {
    const message = this.deps.messages.get(messageId);
    this.deps.messages.select(messageId);
    return {
      conversationId: message.conversationId,
      messages: this.deps.messages.list(message.conversationId),
    };
  }

  /** Before a conversation is deleted: stops its replies, so no stream loses its rows under it. */
  async stopConversation(conversationId: string): Promise<void> {
    const ids = this.runner
      .liveMessageIds()
      .filter((id) => this.deps.messages.findStored(id)?.conversationId === conversationId);
    await this.stopReplies(ids);
  }

  /** Before versions are deleted: stops those of them streaming here and waits until committed. */
  async stopReplies(messageIds: readonly string[]): Promise<void> {
    const stopped = await Promise.all(messageIds.map((id) => this.runner.stop(id)));
    if (stopped.some(Boolean)) this.deps.engine.flush();
  }

  /** Whether this process is writing the reply (as opposed to another Spool process). */
  isLive(messageId: string): boolean {
    return this.runner.isLive(messageId);
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
   * Inside a transaction: a new assistant message answering `prompt` (history: the
   * prompt and every message above it), the conversation's model, the stream. The
   * message is created 'interrupted' and becomes 'streaming' only as its stream row is
   * written (engine.start, same transaction): it can never be 'streaming' without a
   * stream, which recovery could not end (§3.7).
   */
  private startReply(prompt: Message, target: ReplyTarget) {
    const reply = this.deps.messages.insert({
      conversationId: prompt.conversationId,
      parentId: prompt.id,
      role: 'assistant',
      status: 'interrupted',
      answerer: answerer(target),
    });
    this.deps.conversations.setModel(prompt.conversationId, target.config.id, target.model);
    const input = conversationInput(
      this.deps.settings,
      this.deps.conversations.get(prompt.conversationId),
      target,
    );
    const prepared = this.runner.prepare(target, input, promptThrough(this.deps, prompt));
    return { handle: this.runner.open(reply.id, prepared), prepared };
  }

  private target(conversation: Conversation, request: ModelOverride, previous?: ChoiceSource) {
    return resolveTarget(this.deps, conversation, request, previous);
  }

  private started(messageId: string): StartedReply {
    const message = this.deps.messages.get(messageId);
    return { message, streamId: message.streamId! };
  }

  private attachments(): AttachmentService {
    if (!this.deps.attachments) throw new ApiFailure('BAD_REQUEST', 'Attachments are not available here.');
    return this.deps.attachments;
  }

  private assertOpen(): void {
    if (this.closed) throw new ApiFailure('UNAVAILABLE', 'Spool is shutting down.');
  }
}

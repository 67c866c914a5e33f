/**
 * The messages a reply is sent: the branch above it (shared/tree.ts), with each
 * attachment as the provider takes it (core/attachments `inline`: an image's bytes, a
 * file's text). Without an attachment service the stored parts go as they are.
 */
import type { Message } from '../../../shared/api/schemas/messages';
import { historyBefore } from '../../../shared/tree';
import type { AttachmentService } from '../attachments';
import type { ReplyMessage } from '../providers';
import type { MessageStore } from '../store/MessageStore';

export interface ReplyPromptDeps {
  messages: MessageStore;
  attachments?: AttachmentService;
}

function sendable(deps: ReplyPromptDeps, history: Message[]): ReplyMessage[] {
  return deps.attachments ? deps.attachments.inline(history) : history;
}

/** The messages above `message` in its branch: what a reply continued in place answers. */
export function promptAbove(deps: ReplyPromptDeps, message: Message): ReplyMessage[] {
  return sendable(deps, historyBefore(deps.messages.list(message.conversationId), message.id));
}

/** `prompt` and every message above it: what a new reply to `prompt` answers. */
export function promptThrough(deps: ReplyPromptDeps, prompt: Message): ReplyMessage[] {
  return sendable(deps, [...historyBefore(deps.messages.list(prompt.conversationId), prompt.id), prompt]);
}

import { z } from 'zod';
import { Id } from './common';
import { Conversation } from './conversations';
import { Message } from './messages';

const Text = z.string().min(1, 'message must not be empty').max(1_000_000);
const ModelName = z.string().trim().min(1).max(500);

/** A reply the main process has started: the message it fills and the stream that feeds it. */
export const StartedReply = z.object({ message: Message, streamId: Id });
export type StartedReply = z.infer<typeof StartedReply>;

export const chatCalls = {
  /**
   * Saves the user's message and starts the assistant's reply. Idempotent by
   * clientRequestId: a retried send returns the first result, never a second message.
   */
  'chat.send': {
    request: z
      .object({
        conversationId: Id,
        text: Text,
        clientRequestId: z.string().min(8).max(128).optional(),
        /** Overrides the conversation's provider/model for this send (and sets them). */
        providerId: Id.optional(),
        model: ModelName.optional(),
      })
      .strict(),
    reply: z.object({ userMessage: Message, reply: StartedReply }),
  },
  /** Stops a streaming reply: an explicit user action (closing a window never stops one). */
  'chat.stop': {
    request: z.object({ messageId: Id }).strict(),
    reply: z.object({ messageId: Id, stopped: z.boolean() }),
  },
  /** Continues an interrupted, stopped or errored reply as a new stream of the same message. */
  'chat.continue': {
    request: z.object({ messageId: Id }).strict(),
    reply: StartedReply,
  },
  /** Replaces an assistant reply with a fresh one to the same prompt. */
  'chat.regenerate': {
    request: z.object({ messageId: Id }).strict(),
    reply: StartedReply,
  },
  /** Replaces a user message's text, drops everything after it, and asks again. */
  'chat.editAndResend': {
    request: z.object({ messageId: Id, text: Text }).strict(),
    reply: z.object({ userMessage: Message, reply: StartedReply }),
  },
  /** The provider and model a conversation uses from now on. */
  'conversations.setModel': {
    request: z.object({ id: Id, providerId: Id, model: ModelName }).strict(),
    reply: Conversation,
  },
} as const;

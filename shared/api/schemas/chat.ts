import { z } from 'zod';
import { AttachmentId, MAX_ATTACHMENTS_PER_MESSAGE } from './attachments';
import { Id } from './common';
import { Conversation } from './conversations';
import { Message } from './messages';

/** A message's words; empty when it is only attachments (checked with them, below and in core/chat). */
const Text = z.string().max(1_000_000);
export const NOTHING_TO_SEND = 'a message needs text or at least one attachment';
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
        /** Attachments on the conversation's draft to send (attachments.add); taken off it by the send. */
        attachmentIds: z.array(AttachmentId).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
      })
      .strict()
      .refine((r) => r.text !== '' || (r.attachmentIds?.length ?? 0) > 0, {
        message: NOTHING_TO_SEND,
        path: ['text'],
      }),
    reply: z.object({ userMessage: Message, reply: StartedReply }),
  },
  /** Stops a streaming reply: an explicit user action (closing a window never stops one). */
  'chat.stop': {
    request: z.object({ messageId: Id }).strict(),
    reply: z.object({ messageId: Id, stopped: z.boolean() }),
  },
  /**
   * Continues an interrupted, stopped or errored reply as a new stream of the same
   * message; by default with the provider and model that wrote it.
   */
  'chat.continue': {
    request: z.object({ messageId: Id, providerId: Id.optional(), model: ModelName.optional() }).strict(),
    reply: StartedReply,
  },
  /** A fresh reply to the same prompt, as a new version beside the old one (which is kept). */
  'chat.regenerate': {
    request: z.object({ messageId: Id, providerId: Id.optional(), model: ModelName.optional() }).strict(),
    reply: StartedReply,
  },
  /**
   * A new version of a user message, with new text (empty: its attachments alone, which
   * it must then have) and its own reply; the old one is kept.
   */
  'chat.editAndResend': {
    request: z
      .object({ messageId: Id, text: Text, providerId: Id.optional(), model: ModelName.optional() })
      .strict(),
    reply: z.object({ userMessage: Message, reply: StartedReply }),
  },
  /** The provider and model a conversation uses from now on. */
  'conversations.setModel': {
    request: z.object({ id: Id, providerId: Id, model: ModelName }).strict(),
    reply: Conversation,
  },
} as const;

import { z } from 'zod';
import { Usage } from '../../usage';
import { Id, Timestamp } from './common';

export const MessageRole = z.enum(['user', 'assistant', 'system']);
export type MessageRole = z.infer<typeof MessageRole>;

export const MessageStatus = z.enum(['streaming', 'complete', 'interrupted', 'error', 'cancelled']);
export type MessageStatus = z.infer<typeof MessageStatus>;

const PartState = z.enum(['streaming', 'done']);

/**
 * Message parts use the AI SDK's UIMessage part shapes, so the SDK's own assembly
 * can serve as the oracle for our reducer and messages can be handed to the SDK.
 */
export const TextPart = z.object({ type: z.literal('text'), text: z.string(), state: PartState.optional() });
export const ReasoningPart = z.object({
  type: z.literal('reasoning'),
  /** The stream's reasoning id (the SDK keeps it), so a resumed snapshot finds its part. */
  id: z.string().optional(),
  text: z.string(),
  state: PartState.optional(),
});
export const ToolPart = z.object({
  type: z.literal('dynamic-tool'),
  toolName: z.string(),
  toolCallId: z.string(),
  state: z.enum(['input-streaming', 'input-available', 'output-available', 'output-error']),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  errorText: z.string().optional(),
  /** Tool input text received so far while `input-streaming` (the SDK keeps it to resume). */
  rawInput: z.string().optional(),
});
export const StepStartPart = z.object({ type: z.literal('step-start') });
/**
 * An attachment of a user message: the AI SDK's file part, whose `url` is
 * `attachment:<sha256>`, the library's one copy (core/attachments).
 */
export const FilePart = z.object({
  type: z.literal('file'),
  mediaType: z.string(),
  filename: z.string().optional(),
  url: z.string(),
});
export const MessagePart = z.discriminatedUnion('type', [
  TextPart,
  ReasoningPart,
  ToolPart,
  StepStartPart,
  FilePart,
]);
export type MessagePart = z.infer<typeof MessagePart>;
export type TextPart = z.infer<typeof TextPart>;
export type ReasoningPart = z.infer<typeof ReasoningPart>;
export type ToolPart = z.infer<typeof ToolPart>;
export type FilePart = z.infer<typeof FilePart>;

export const MessageError = z.object({
  /** A stable class: 'provider', 'connect', 'timeout', 'storage', 'interrupted'… */
  code: z.string(),
  /** The provider's (or SQLite's) own words. */
  message: z.string(),
});
export type MessageError = z.infer<typeof MessageError>;

export const Message = z.object({
  id: Id,
  conversationId: Id,
  role: MessageRole,
  parts: z.array(MessagePart),
  status: MessageStatus,
  error: MessageError.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** The stream whose chunks make up this message (latest one), if any. */
  streamId: Id.nullable(),
  /** Last chunk seq folded into `parts`; -1 when none. */
  snapshotSeq: z.number().int(),
  /** True while chunks are live but not yet durable (storage failing). */
  unsaved: z.boolean(),
  /** The message this one answers or follows; null for a first message (see shared/tree.ts). */
  parentId: Id.nullable(),
  /** When this version was last chosen to be shown: among siblings, the largest is shown. */
  selectedAt: Timestamp,
  /** Who answered (replies): the provider's id and its name at the time, and the model. */
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  model: z.string().nullable(),
  /** Replies: token counts the provider reported, summed over the reply's streams; null = none. */
  usage: Usage.nullable(),
});
export type Message = z.infer<typeof Message>;

/** What a delete takes: a version (it and what hangs below it) or its whole branch. */
export const DeleteScope = z.enum(['version', 'branch']);
export type DeleteScope = z.infer<typeof DeleteScope>;

export const messageCalls = {
  /**
   * Every version of every message of a conversation (not deleted), in creation
   * order; shared/tree.ts tells which are shown.
   */
  'messages.list': {
    request: z.object({ conversationId: Id }).strict(),
    reply: z.array(Message),
  },
  /** One message (any version, shown or not; not deleted); NOT_FOUND for an unknown id. */
  'messages.get': { request: z.object({ id: Id }).strict(), reply: Message },
  /**
   * Shows this version: it and each message above it become the chosen ones among
   * their siblings. Below it, the branch shown last time it was shown comes back.
   */
  'messages.select': {
    request: z.object({ messageId: Id }).strict(),
    reply: z.object({ conversationId: Id, messages: z.array(Message) }),
  },
  /**
   * A soft delete with the conversations' undo window. `version`: the message and
   * everything below it; `branch`: from where its branch forks off (the nearest
   * message above, or itself, that has other versions) down. Its replies stop first.
   */
  'messages.delete': {
    request: z.object({ messageId: Id, scope: DeleteScope }).strict(),
    reply: z.object({
      conversationId: Id,
      /** The message the delete starts from (the root of what is hidden). */
      rootId: Id,
      deletedIds: z.array(Id),
      undoableUntil: Timestamp,
    }),
  },
  /** Undo of `messages.delete` (by its rootId): NOT_FOUND once purged. */
  'messages.restore': {
    request: z.object({ messageId: Id }).strict(),
    reply: z.object({ conversationId: Id, messages: z.array(Message) }),
  },
} as const;

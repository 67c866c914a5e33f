import { z } from 'zod';
import { Empty, Id, Timestamp } from './common';
import { ReplyParams } from './params';

export const Conversation = z.object({
  id: Id,
  title: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** When it was pinned (pinned ones come first), or null. */
  pinnedAt: Timestamp.nullable(),
  /** Its own system prompt; null = the default in Settings; '' = none for this conversation. */
  systemPrompt: z.string().nullable(),
  /** Temperature, top-p, max output tokens, reasoning effort; a field left out = the provider's default. */
  params: ReplyParams,
});
export type Conversation = z.infer<typeof Conversation>;

/** Long enough for any real set of instructions, short enough to stay a prompt. */
export const MAX_SYSTEM_PROMPT_CHARS = 100_000;
export const SystemPrompt = z
  .string()
  .max(MAX_SYSTEM_PROMPT_CHARS, `a system prompt holds at most ${MAX_SYSTEM_PROMPT_CHARS} characters`);

const Title = z.string().trim().min(1, 'title must not be empty').max(500);

export const conversationCalls = {
  'conversations.list': { request: Empty, reply: z.array(Conversation) },
  'conversations.create': {
    request: z.object({ title: Title.optional() }).strict(),
    reply: Conversation,
  },
  'conversations.rename': {
    request: z.object({ id: Id, title: Title }).strict(),
    reply: Conversation,
  },
  /** The conversation's own system prompt from now on; null = follow the default in Settings. */
  'conversations.setSystemPrompt': {
    request: z.object({ id: Id, systemPrompt: SystemPrompt.nullable() }).strict(),
    reply: Conversation,
  },
  /** The conversation's reply parameters from now on (the whole set: a field left out is unset). */
  'conversations.setParams': {
    request: z.object({ id: Id, params: ReplyParams }).strict(),
    reply: Conversation,
  },
  /** A soft delete: hidden at once, purged after `undoableUntil` unless `conversations.restore` is called. */
  'conversations.delete': {
    request: z.object({ id: Id }).strict(),
    reply: z.object({ id: Id, undoableUntil: Timestamp }),
  },
} as const;

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
  /** The folder it is in (one level), or null. */
  folderId: Id.nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

/**
 * Where a page of the list ends: the last conversation's place in the list order
 * (pinned first, most recently pinned on top; then most recently updated; then id,
 * descending). The next page starts after it.
 */
export const ConversationCursor = z
  .object({ pinnedAt: Timestamp.nullable(), updatedAt: Timestamp, id: Id })
  .strict();
export type ConversationCursor = z.infer<typeof ConversationCursor>;

export const MAX_PAGE_SIZE = 500;
export const ConversationPageRequest = z
  .object({
    after: ConversationCursor.optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    /** Only the conversations in this folder. */
    folderId: Id.optional(),
    /** Only the conversations whose title contains this text (case-insensitive). */
    query: z.string().max(200).optional(),
  })
  .strict();
export const ConversationPage = z.object({
  conversations: z.array(Conversation),
  /** Pass as `after` for the next page; null when this page is the last. */
  next: ConversationCursor.nullable(),
});
export type ConversationPage = z.infer<typeof ConversationPage>;

/** Long enough for any real set of instructions, short enough to stay a prompt. */
export const MAX_SYSTEM_PROMPT_CHARS = 100_000;
export const SystemPrompt = z
  .string()
  .max(MAX_SYSTEM_PROMPT_CHARS, `a system prompt holds at most ${MAX_SYSTEM_PROMPT_CHARS} characters`);

const Title = z.string().trim().min(1, 'title must not be empty').max(500);

export const conversationCalls = {
  /** Every conversation at once, in list order: for the CLI and exports; windows page instead. */
  'conversations.list': { request: Empty, reply: z.array(Conversation) },
  /** One page of the list, in list order; each change after it arrives as `conversations.delta`. */
  'conversations.page': { request: ConversationPageRequest, reply: ConversationPage },
  /** One conversation, e.g. opened from search before its page was loaded. */
  'conversations.get': { request: z.object({ id: Id }).strict(), reply: Conversation },
  /** Puts it in a folder, or in none (null). */
  'conversations.move': {
    request: z.object({ id: Id, folderId: Id.nullable() }).strict(),
    reply: Conversation,
  },
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

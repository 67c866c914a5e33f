import { z } from 'zod';
import { Empty, Id, Timestamp } from './common';

export const Conversation = z.object({
  id: Id,
  title: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  provider: z.string().nullable(),
  model: z.string().nullable(),
  /** When it was pinned (pinned ones come first), or null. */
  pinnedAt: Timestamp.nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

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
  /** A soft delete: hidden at once, purged after `undoableUntil` unless `conversations.restore` is called. */
  'conversations.delete': {
    request: z.object({ id: Id }).strict(),
    reply: z.object({ id: Id, undoableUntil: Timestamp }),
  },
} as const;

import { z } from 'zod';
import { Id, Timestamp } from './common';

/** Generous, but bounded: a draft is typed text, not a file. */
export const MAX_DRAFT_CHARS = 1_000_000;

export const Draft = z.object({
  conversationId: Id,
  /** '' when there is none. */
  text: z.string(),
  updatedAt: Timestamp.nullable(),
});
export type Draft = z.infer<typeof Draft>;

export const draftCalls = {
  /** The composer's saved text for a conversation ('' when none). */
  'drafts.get': {
    request: z.object({ conversationId: Id }).strict(),
    reply: Draft,
  },
  /**
   * Saves the composer's text (debounced and coalesced per conversation in main; an
   * empty text clears the draft at once). Text for a conversation that no longer
   * exists is dropped.
   */
  'drafts.set': {
    request: z.object({ conversationId: Id, text: z.string().max(MAX_DRAFT_CHARS) }).strict(),
    reply: z.object({}),
  },
} as const;

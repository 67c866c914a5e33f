import { z } from 'zod';
import { Id, Timestamp } from './common';
import { Conversation } from './conversations';
import { MessageRole } from './messages';

/** A piece of a search snippet; `match` pieces are what the query matched (shown as <mark>). */
export const SnippetPiece = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPiece = z.infer<typeof SnippetPiece>;

export const SearchResult = z.object({
  conversationId: Id,
  conversationTitle: z.string(),
  messageId: Id,
  role: MessageRole,
  /** The matching passage, as plain text pieces: never HTML. */
  snippet: z.array(SnippetPiece),
  createdAt: Timestamp,
  /**
   * Which version the message is among its siblings (1-based, creation order): a
   * regenerated reply or an edited prompt is found in every version it had.
   */
  version: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }),
  /** Whether it is on the branch the conversation shows; if not, open it with `messages.select`. */
  shown: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const libraryCalls = {
  /**
   * Messages whose text or reasoning contains every word of `query` (as a word or a
   * word prefix, accents ignored), in every version not deleted, best matches first. Any input is accepted: it is
   * never passed to FTS5 as query syntax.
   */
  'library.search': {
    request: z
      .object({ query: z.string().max(1000), limit: z.number().int().min(1).max(200).optional() })
      .strict(),
    reply: z.object({ results: z.array(SearchResult) }),
  },
  'conversations.pin': {
    request: z.object({ id: Id, pinned: z.boolean() }).strict(),
    reply: Conversation,
  },
  /** Undo of `conversations.delete`: NOT_FOUND once the undo window has passed and it was purged. */
  'conversations.restore': {
    request: z.object({ id: Id }).strict(),
    reply: Conversation,
  },
} as const;

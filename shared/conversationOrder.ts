import type { Conversation, ConversationCursor } from './api/schemas/conversations';

/**
 * The sidebar's order, the same as the API's pages (core/store/conversationPages.ts):
 * pinned first, most recently pinned on top; then most recently updated; id (descending)
 * breaks ties. Negative when `a` comes first.
 */
export function compareConversations(a: ConversationCursor, b: ConversationCursor): number {
  if ((a.pinnedAt === null) !== (b.pinnedAt === null)) return a.pinnedAt === null ? 1 : -1;
  if (a.pinnedAt !== null && b.pinnedAt !== null && a.pinnedAt !== b.pinnedAt) return b.pinnedAt - a.pinnedAt;
  if (a.updatedAt !== b.updatedAt) return b.updatedAt - a.updatedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Where `conversation` stands in the order: the cursor a page ending with it gives. */
export function cursorOf(conversation: Conversation): ConversationCursor {
  return { pinnedAt: conversation.pinnedAt, updatedAt: conversation.updatedAt, id: conversation.id };
}

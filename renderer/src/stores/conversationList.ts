import type { ConversationDelta } from '../../../shared/api/events';
import type { Conversation, ConversationCursor } from '../../../shared/api/schemas/conversations';
import { compareConversations, cursorOf } from '../../../shared/conversationOrder';

/** What the sidebar lists: every conversation, or one folder's, optionally only titles containing `query`. */
export interface ListFilter {
  folderId: string | null;
  query: string;
}

export const NO_FILTER: ListFilter = { folderId: null, query: '' };

/** The pages loaded so far, in list order, and where the next one starts (null: no more). */
export interface LoadedList {
  conversations: Conversation[];
  next: ConversationCursor | null;
}

export function matchesFilter(conversation: Conversation, filter: ListFilter): boolean {
  if (filter.folderId !== null && conversation.folderId !== filter.folderId) return false;
  const query = filter.query.trim().toLowerCase();
  return query === '' || conversation.title.toLowerCase().includes(query);
}

/** A page appended after the ones loaded; a conversation already listed (it moved up meanwhile) is not repeated. */
export function appendPage(list: LoadedList, page: LoadedList): LoadedList {
  const have = new Set(list.conversations.map((c) => c.id));
  return {
    conversations: [...list.conversations, ...page.conversations.filter((c) => !have.has(c.id))],
    next: page.next,
  };
}

/**
 * One delta merged into the loaded pages. An upserted conversation takes its place in
 * the order if that place is within what is loaded (before the next page's start);
 * beyond it, the next page will bring it. One that no longer matches the filter leaves.
 */
export function applyDelta(list: LoadedList, delta: ConversationDelta, filter: ListFilter): LoadedList {
  if (delta.type === 'reset') return list;
  const id = delta.type === 'upsert' ? delta.conversation.id : delta.id;
  const rest = list.conversations.filter((c) => c.id !== id);
  if (delta.type === 'remove' || !matchesFilter(delta.conversation, filter)) {
    return rest.length === list.conversations.length ? list : { ...list, conversations: rest };
  }
  const conversation = delta.conversation;
  const place = cursorOf(conversation);
  if (list.next !== null && compareConversations(place, list.next) >= 0) {
    return rest.length === list.conversations.length ? list : { ...list, conversations: rest };
  }
  const at = insertionIndex(rest, place);
  return { ...list, conversations: [...rest.slice(0, at), conversation, ...rest.slice(at)] };
}

/** Binary search: the first index whose conversation comes after `place`. */
function insertionIndex(sorted: readonly Conversation[], place: ConversationCursor): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareConversations(cursorOf(sorted[mid]!), place) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

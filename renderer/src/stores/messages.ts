import { createStore } from 'zustand/vanilla';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ApiClient } from '../api/client';

export interface MessagesState {
  /** Whose messages these are; null when no conversation is selected. */
  conversationId: string | null;
  messages: Message[];
  loading: boolean;
  /** Shows the messages of one conversation (or none), fetching them from main. */
  show(conversationId: string | null): Promise<void>;
  /** Fetches the shown conversation's messages again (after a reconnect). */
  reload(): Promise<void>;
  /** Applies a message a call returned (chat.send…), without waiting for its event. */
  upsert(message: Message): void;
  /** Drops a message and, with `andAfter`, every message after it (edit-and-resend). */
  remove(messageId: string, andAfter?: boolean): void;
}

/**
 * Main lists messages in creation order (ties broken by insertion), so a known
 * message is replaced in place and a new one goes after every message not newer.
 * A user message and the reply started with it share a millisecond, and the reply's
 * event may arrive first: on a tie, a user message goes before the reply.
 */
export function upsertMessage(messages: readonly Message[], message: Message): Message[] {
  const at = messages.findIndex((m) => m.id === message.id);
  if (at >= 0) return messages.map((m, i) => (i === at ? message : m));
  let insertAt = messages.length;
  const goesBefore = (m: Message) =>
    m.createdAt > message.createdAt ||
    (m.createdAt === message.createdAt && message.role === 'user' && m.role === 'assistant');
  while (insertAt > 0 && goesBefore(messages[insertAt - 1]!)) insertAt--;
  return [...messages.slice(0, insertAt), message, ...messages.slice(insertAt)];
}

/**
 * Messages of the selected conversation: a snapshot from `messages.list`, kept
 * current by `message.updated` events (the debounced writer's snapshots).
 */
export function createMessagesStore(
  client: ApiClient,
  report: (err: unknown, context: string) => void,
  options: { isFollowedLive?: (messageId: string) => boolean } = {},
) {
  /** Each fetch gets a number; only the latest one may land. */
  let fetchNo = 0;
  /** Messages a call returned while a fetch was out: the fetched list may predate them. */
  const landedDuringFetch = new Map<string, Message>();

  const store = createStore<MessagesState>()((set, get) => ({
    conversationId: null,
    messages: [],
    loading: false,
    async show(conversationId) {
      const mine = ++fetchNo;
      const switching = conversationId !== get().conversationId;
      set({ conversationId, loading: conversationId !== null, ...(switching ? { messages: [] } : {}) });
      landedDuringFetch.clear();
      if (conversationId === null) return;
      try {
        let messages = await client.call('messages.list', { conversationId });
        if (mine !== fetchNo) return;
        for (const m of landedDuringFetch.values()) {
          const fetched = messages.find((f) => f.id === m.id);
          if (!fetched || fetched.updatedAt < m.updatedAt) messages = upsertMessage(messages, m);
        }
        landedDuringFetch.clear();
        set({ messages, loading: false });
      } catch (err) {
        if (mine !== fetchNo) return;
        set({ loading: false });
        // A conversation deleted elsewhere while we were asking is not worth a toast.
        if ((err as { code?: string }).code !== 'NOT_FOUND') report(err, 'Could not load messages');
      }
    },
    reload() {
      return get().show(get().conversationId);
    },
    upsert(message) {
      if (message.conversationId !== get().conversationId) return;
      if (get().loading) landedDuringFetch.set(message.id, message);
      set((s) => ({ messages: upsertMessage(s.messages, message) }));
    },
    remove(messageId, andAfter = false) {
      set((s) => {
        const at = s.messages.findIndex((m) => m.id === messageId);
        if (at < 0) return s;
        return { messages: andAfter ? s.messages.slice(0, at) : s.messages.filter((_, i) => i !== at) };
      });
    },
  }));

  client.on('message.updated', ({ message }) => {
    if (isGrowthOfFollowedReply(message)) return;
    store.getState().upsert(message);
  });

  /**
   * While a reply streams, the writer sends its whole snapshot every ~50 ms, and the
   * view shows the live stream instead. Such an update changes nothing on screen,
   * so it is left out rather than re-rendering the list 20 times a second with a
   * reply that may be hundreds of kilobytes long. Anything else (a status, an error,
   * "not being saved", a message not followed live) is applied.
   */
  function isGrowthOfFollowedReply(message: Message): boolean {
    if (!options.isFollowedLive?.(message.id)) return false;
    const known = store.getState().messages.find((m) => m.id === message.id);
    return (
      known !== undefined &&
      known.status === 'streaming' &&
      message.status === 'streaming' &&
      known.streamId === message.streamId &&
      known.unsaved === message.unsaved &&
      JSON.stringify(known.error) === JSON.stringify(message.error)
    );
  }

  return store;
}
export type MessagesStore = ReturnType<typeof createMessagesStore>;

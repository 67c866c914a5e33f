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
}

/**
 * Main lists messages in creation order (ties broken by insertion), so a known
 * message is replaced in place and a new one goes after every message not newer.
 */
export function upsertMessage(messages: readonly Message[], message: Message): Message[] {
  const at = messages.findIndex((m) => m.id === message.id);
  if (at >= 0) return messages.map((m, i) => (i === at ? message : m));
  let insertAt = messages.length;
  while (insertAt > 0 && messages[insertAt - 1]!.createdAt > message.createdAt) insertAt--;
  return [...messages.slice(0, insertAt), message, ...messages.slice(insertAt)];
}

/**
 * Messages of the selected conversation: a snapshot from `messages.list`, kept
 * current by `message.updated` events (the debounced writer's snapshots).
 */
export function createMessagesStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  /** Each fetch gets a number; only the latest one may land. */
  let fetchNo = 0;

  const store = createStore<MessagesState>()((set, get) => ({
    conversationId: null,
    messages: [],
    loading: false,
    async show(conversationId) {
      const mine = ++fetchNo;
      const switching = conversationId !== get().conversationId;
      set({ conversationId, loading: conversationId !== null, ...(switching ? { messages: [] } : {}) });
      if (conversationId === null) return;
      try {
        const messages = await client.call('messages.list', { conversationId });
        if (mine === fetchNo) set({ messages, loading: false });
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
  }));

  client.on('message.updated', ({ message }) => {
    const { conversationId, messages } = store.getState();
    if (message.conversationId !== conversationId) return;
    store.setState({ messages: upsertMessage(messages, message) });
  });

  return store;
}
export type MessagesStore = ReturnType<typeof createMessagesStore>;

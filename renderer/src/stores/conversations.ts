import { createStore } from 'zustand/vanilla';
import type { Conversation, ConversationCursor } from '../../../shared/api/schemas/conversations';
import type { ReplyParams } from '../../../shared/api/schemas/params';
import type { ApiClient } from '../api/client';
import { ApiCallError } from '../api/client';
import { appendPage, applyDelta, NO_FILTER, type ListFilter } from './conversationList';

/** Rows per page: a few screens of the sidebar. */
export const PAGE_SIZE = 100;

export interface ConversationsState {
  /** The pages loaded so far, in list order (pinned first, then newest), matching `filter`. */
  conversations: Conversation[];
  /** Where the next page starts; null when every page is loaded. */
  next: ConversationCursor | null;
  filter: ListFilter;
  /** The selected conversation when it is not in the loaded pages (opened from search, or remembered). */
  opened: Conversation | null;
  selectedId: string | null;
  /** False until the first page arrives, so the UI can tell "loading" from "none". */
  loaded: boolean;
  loadingMore: boolean;
  /** Lists again from the first page (after a reconnect, or a bulk change such as an import). */
  load(): Promise<void>;
  /** The next page, if there is one and none is on its way. */
  loadMore(): Promise<void>;
  setFilter(filter: Partial<ListFilter>): Promise<void>;
  select(id: string | null): void;
  /** Selects a conversation after checking it exists; false when it does not. */
  reveal(id: string): Promise<boolean>;
  /** Creates a conversation and selects it; resolves with it, or null when it failed. */
  create(): Promise<Conversation | null>;
  rename(id: string, title: string): Promise<boolean>;
  /** Puts it in a folder, or in none. */
  move(id: string, folderId: string | null): Promise<boolean>;
  /** The provider and model the conversation uses from now on. */
  setModel(id: string, providerId: string, model: string): Promise<boolean>;
  /** The conversation's own system prompt; null = follow the default in Settings. */
  setSystemPrompt(id: string, systemPrompt: string | null): Promise<boolean>;
  /** Temperature, top-p, max output tokens, reasoning effort (the whole set). */
  setParams(id: string, params: ReplyParams): Promise<boolean>;
}

/** The selected conversation, from the loaded pages or fetched on its own. */
export function selectedConversation(s: ConversationsState): Conversation | null {
  if (s.selectedId === null) return null;
  return (
    s.conversations.find((c) => c.id === s.selectedId) ?? (s.opened?.id === s.selectedId ? s.opened : null)
  );
}

/**
 * The sidebar's list, a page at a time. `conversations.delta` events keep it live
 * (another window, the CLI): one conversation upserted or removed, merged in place.
 * Replies to our own calls are merged at once so the UI never waits on the event.
 */
export function createConversationsStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  /** Bumped by each new first page, so a page that left before it is dropped. */
  let generation = 0;

  const store = createStore<ConversationsState>()((set, get) => {
    const upsert = (conversation: Conversation) => merge({ type: 'upsert', conversation });

    const call = async (run: () => Promise<Conversation>, context: string): Promise<boolean> => {
      try {
        upsert(await run());
        return true;
      } catch (err) {
        report(err, context);
        return false;
      }
    };

    return {
      conversations: [],
      next: null,
      filter: NO_FILTER,
      opened: null,
      selectedId: null,
      loaded: false,
      loadingMore: false,
      async load() {
        const asked = ++generation;
        const { folderId, query } = get().filter;
        try {
          const page = await client.call('conversations.page', {
            limit: PAGE_SIZE,
            ...(folderId !== null ? { folderId } : {}),
            ...(query.trim() ? { query } : {}),
          });
          if (asked !== generation) return;
          set({ conversations: page.conversations, next: page.next, loaded: true, loadingMore: false });
        } catch (err) {
          if (asked !== generation) return;
          // The folder shown was deleted in another window: show every conversation instead.
          if (err instanceof ApiCallError && err.code === 'NOT_FOUND' && folderId !== null) {
            set({ filter: { ...get().filter, folderId: null } });
            return get().load();
          }
          set({ loaded: true });
          report(err, 'Could not load conversations');
        }
      },
      async loadMore() {
        const { next, loadingMore, filter } = get();
        if (next === null || loadingMore) return;
        const asked = generation;
        set({ loadingMore: true });
        try {
          const page = await client.call('conversations.page', {
            after: next,
            limit: PAGE_SIZE,
            ...(filter.folderId !== null ? { folderId: filter.folderId } : {}),
            ...(filter.query.trim() ? { query: filter.query } : {}),
          });
          if (asked !== generation) return;
          set({ ...appendPage(get(), page), loadingMore: false });
        } catch (err) {
          if (asked === generation) set({ loadingMore: false });
          report(err, 'Could not load more conversations');
        }
      },
      async setFilter(filter) {
        set({ filter: { ...get().filter, ...filter } });
        await get().load();
      },
      select(id) {
        set({ selectedId: id });
        if (id === null || get().conversations.some((c) => c.id === id) || get().opened?.id === id) return;
        void client.call('conversations.get', { id }).then(
          (conversation) => set({ opened: conversation }),
          (err) => report(err, 'Could not open the conversation'),
        );
      },
      async reveal(id) {
        try {
          const conversation = await client.call('conversations.get', { id });
          set({ opened: conversation });
          get().select(id);
          return true;
        } catch {
          return false;
        }
      },
      async create() {
        try {
          const conversation = await client.call('conversations.create', {});
          upsert(conversation);
          set({ selectedId: conversation.id, opened: conversation });
          return conversation;
        } catch (err) {
          report(err, 'Could not create a conversation');
          return null;
        }
      },
      rename: (id, title) =>
        call(() => client.call('conversations.rename', { id, title }), 'Could not rename the conversation'),
      move: (id, folderId) =>
        call(() => client.call('conversations.move', { id, folderId }), 'Could not move the conversation'),
      setModel: (id, providerId, model) =>
        call(
          () => client.call('conversations.setModel', { id, providerId, model }),
          'Could not change the model',
        ),
      setSystemPrompt: (id, systemPrompt) =>
        call(
          () => client.call('conversations.setSystemPrompt', { id, systemPrompt }),
          'Could not save the system prompt',
        ),
      setParams: (id, params) =>
        call(() => client.call('conversations.setParams', { id, params }), 'Could not save the parameters'),
    };
  });

  function merge(delta: Parameters<typeof applyDelta>[1]): void {
    const state = store.getState();
    const list = applyDelta(state, delta, state.filter);
    const patch: Partial<ConversationsState> = { conversations: list.conversations };
    if (delta.type === 'upsert' && state.opened?.id === delta.conversation.id)
      patch.opened = delta.conversation;
    if (delta.type === 'remove' && state.selectedId === delta.id) patch.selectedId = null;
    store.setState(patch);
  }

  client.on('conversations.delta', (delta) => {
    if (delta.type === 'reset') void store.getState().load();
    else merge(delta);
  });

  return store;
}
export type ConversationsStore = ReturnType<typeof createConversationsStore>;

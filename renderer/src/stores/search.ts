import { createStore } from 'zustand/vanilla';
import type { SearchResult } from '../../../shared/api/schemas/library';
import type { ApiClient } from '../api/client';
import type { ConversationsStore } from './conversations';
import type { VersionsStore } from './versions';

/** Typing pauses shorter than this do not each cost a query. */
const DEBOUNCE_MS = 120;

/** A search result being shown: its message, and the words the query matched in it. */
export interface Reveal {
  conversationId: string;
  messageId: string;
  /** The matched words as the snippet shows them, lower-cased, without repeats. */
  terms: string[];
}

export interface SearchState {
  open: boolean;
  query: string;
  results: SearchResult[];
  /** The query the results answer (they may lag `query` while typing). */
  answered: string;
  searching: boolean;
  active: number;
  /** The message the last opened result points at, for the message list to bring into view. */
  reveal: Reveal | null;
  show(): void;
  hide(): void;
  setQuery(query: string): void;
  move(by: number): void;
  /**
   * Closes the dialog and opens the result's conversation; a version not shown is
   * chosen to be shown first (`messages.select`), so the conversation opens on its branch.
   */
  choose(result: SearchResult): Promise<void>;
}

export function createSearchStore(
  client: ApiClient,
  conversations: ConversationsStore,
  versions: VersionsStore,
  report: (err: unknown, context: string) => void,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the newest query's answer is shown; a slow older one is dropped. */
  let asked = 0;

  const store = createStore<SearchState>()((set, get) => {
    async function run(query: string) {
      const ticket = ++asked;
      if (!query.trim()) {
        set({ results: [], answered: query, searching: false, active: 0 });
        return;
      }
      try {
        const { results } = await client.call('library.search', { query: query.slice(0, 1000), limit: 50 });
        if (ticket === asked) set({ results, answered: query, searching: false, active: 0 });
      } catch (err) {
        if (ticket === asked) set({ searching: false });
        report(err, 'Search failed');
      }
    }

    return {
      open: false,
      query: '',
      results: [],
      answered: '',
      searching: false,
      active: 0,
      reveal: null,
      show() {
        set({ open: true });
        // Results may be stale (new messages since): ask again.
        if (get().query.trim()) void run(get().query);
      },
      hide() {
        clearTimeout(timer);
        set({ open: false });
      },
      setQuery(query) {
        set({ query, searching: query.trim() !== '' });
        clearTimeout(timer);
        timer = setTimeout(() => void run(query), DEBOUNCE_MS);
      },
      move(by) {
        const n = get().results.length;
        if (n) set({ active: (get().active + by + n) % n });
      },
      async choose(result) {
        set({ open: false });
        // Failing that (reported), the conversation still opens, on the branch it shows.
        if (!result.shown) await versions.getState().select(result.messageId);
        conversations.getState().select(result.conversationId);
        set({
          reveal: {
            conversationId: result.conversationId,
            messageId: result.messageId,
            terms: termsOf(result),
          },
        });
      },
    };
  });
  // A result's message is shown (scrolled to, its words marked) until another conversation opens.
  conversations.subscribe((s) => {
    const { reveal } = store.getState();
    if (reveal && s.selectedId !== reveal.conversationId) store.setState({ reveal: null });
  });
  return store;
}
export type SearchStore = ReturnType<typeof createSearchStore>;

function termsOf(result: SearchResult): string[] {
  const terms = result.snippet.filter((p) => p.match).map((p) => p.text.trim().toLowerCase());
  return [...new Set(terms)].filter((t) => t !== '');
}

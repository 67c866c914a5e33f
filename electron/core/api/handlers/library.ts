import type { SearchResult } from '../../../../shared/api/schemas/library';
import type { ConversationDeltas } from '../../library/conversationDeltas';
import type { Library } from '../../library/Library';
import type { ConversationStore } from '../../store/ConversationStore';
import type { MessageStore } from '../../store/MessageStore';
import type { SettingsStore } from '../../store/SettingsStore';
import type { ApiHandlers } from '../types';

export interface LibraryDeps {
  conversations: ConversationStore;
  messages: MessageStore;
  settings: SettingsStore;
  /** Pin, delete with undo. */
  library: Library;
  /** Full-text search over every conversation (`library/search.ts`). */
  search(query: string, limit?: number): SearchResult[];
  /** Tells every window which conversation changed or went: one delta, never the list. */
  deltas: ConversationDeltas;
  /** Applies settings that take effect at once (e.g. durability). */
  settingsChanged?(settings: ReturnType<SettingsStore['get']>): void;
}

type LibraryChannels =
  | 'conversations.list'
  | 'conversations.create'
  | 'conversations.rename'
  | 'conversations.setSystemPrompt'
  | 'conversations.setParams'
  | 'conversations.delete'
  | 'conversations.pin'
  | 'conversations.restore'
  | 'library.search'
  | 'messages.list'
  | 'messages.get'
  | 'settings.get'
  | 'settings.set';

export function libraryHandlers(deps: LibraryDeps): Pick<ApiHandlers, LibraryChannels> {
  return {
    'conversations.list': () => deps.conversations.list(),
    'conversations.create': ({ title }) => {
      const conversation = deps.conversations.create(title);
      deps.deltas.changed(conversation.id);
      return conversation;
    },
    'conversations.rename': ({ id, title }) => {
      const conversation = deps.conversations.rename(id, title);
      deps.deltas.changed(id);
      return conversation;
    },
    'conversations.setSystemPrompt': ({ id, systemPrompt }) => {
      const conversation = deps.conversations.setSystemPrompt(id, systemPrompt);
      deps.deltas.changed(id);
      return conversation;
    },
    'conversations.setParams': ({ id, params }) => {
      const conversation = deps.conversations.setParams(id, params);
      deps.deltas.changed(id);
      return conversation;
    },
    // Soft: its replies are stopped and it is hidden at once; purged when Undo is no longer offered.
    'conversations.delete': async ({ id }) => {
      const deleted = await deps.library.delete(id);
      deps.deltas.removed(id);
      return deleted;
    },
    'conversations.restore': ({ id }) => {
      const conversation = deps.library.restore(id);
      deps.deltas.changed(id);
      return conversation;
    },
    'conversations.pin': ({ id, pinned }) => {
      const conversation = deps.library.pin(id, pinned);
      deps.deltas.changed(id);
      return conversation;
    },
    'library.search': ({ query, limit }) => ({ results: deps.search(query, limit) }),
    'messages.list': ({ conversationId }) => {
      deps.conversations.get(conversationId); // NOT_FOUND for an unknown id, not an empty list
      return deps.messages.list(conversationId);
    },
    'messages.get': ({ id }) => deps.messages.get(id),
    'settings.get': () => deps.settings.get(),
    'settings.set': ({ patch }) => {
      const settings = deps.settings.set(patch);
      deps.settingsChanged?.(settings);
      return settings;
    },
  };
}

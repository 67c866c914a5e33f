import type { ConversationStore } from '../../store/ConversationStore';
import type { MessageStore } from '../../store/MessageStore';
import type { SettingsStore } from '../../store/SettingsStore';
import type { ApiHandlers } from '../types';

export interface LibraryDeps {
  conversations: ConversationStore;
  messages: MessageStore;
  settings: SettingsStore;
  /** Tells every window the conversation list changed. */
  conversationsChanged(): void;
  /** Runs before a conversation is deleted (stops its live replies). */
  beforeDeleteConversation?(id: string): Promise<void>;
  /** Applies settings that take effect at once (e.g. durability). */
  settingsChanged?(settings: ReturnType<SettingsStore['get']>): void;
}

type LibraryChannels =
  | 'conversations.list'
  | 'conversations.create'
  | 'conversations.rename'
  | 'conversations.delete'
  | 'messages.list'
  | 'settings.get'
  | 'settings.set';

export function libraryHandlers(deps: LibraryDeps): Pick<ApiHandlers, LibraryChannels> {
  return {
    'conversations.list': () => deps.conversations.list(),
    'conversations.create': ({ title }) => {
      const conversation = deps.conversations.create(title);
      deps.conversationsChanged();
      return conversation;
    },
    'conversations.rename': ({ id, title }) => {
      const conversation = deps.conversations.rename(id, title);
      deps.conversationsChanged();
      return conversation;
    },
    'conversations.delete': async ({ id }) => {
      deps.conversations.get(id); // NOT_FOUND before stopping anything
      await deps.beforeDeleteConversation?.(id);
      deps.conversations.delete(id);
      deps.conversationsChanged();
      return { id };
    },
    'messages.list': ({ conversationId }) => {
      deps.conversations.get(conversationId); // NOT_FOUND for an unknown id, not an empty list
      return deps.messages.list(conversationId);
    },
    'settings.get': () => deps.settings.get(),
    'settings.set': ({ patch }) => {
      const settings = deps.settings.set(patch);
      deps.settingsChanged?.(settings);
      return settings;
    },
  };
}

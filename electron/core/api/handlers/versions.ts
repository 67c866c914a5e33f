import type { ChatService } from '../../chat/ChatService';
import type { VersionDeletion } from '../../library/VersionDeletion';
import type { MessageStore } from '../../store/MessageStore';
import type { ApiHandlers } from '../types';

type VersionChannels = 'messages.select' | 'messages.delete' | 'messages.restore';

export interface VersionHandlerDeps {
  chat: ChatService;
  messages: MessageStore;
  deletion: VersionDeletion;
  /** Tells every window that a conversation's tree changed (shown branch, deletes). */
  messagesChanged(conversationId: string): void;
}

/** Which version is shown, and the explicit delete of a version or branch with undo. */
export function versionHandlers(deps: VersionHandlerDeps): Pick<ApiHandlers, VersionChannels> {
  return {
    'messages.select': ({ messageId }) => {
      const selected = deps.chat.select(messageId);
      deps.messagesChanged(selected.conversationId);
      return selected;
    },
    'messages.delete': async ({ messageId, scope }) => {
      const deleted = await deps.deletion.delete(messageId, scope);
      deps.messagesChanged(deleted.conversationId);
      return deleted;
    },
    'messages.restore': ({ messageId }) => {
      const { conversationId } = deps.deletion.restore(messageId);
      deps.messagesChanged(conversationId);
      return { conversationId, messages: deps.messages.list(conversationId) };
    },
  };
}

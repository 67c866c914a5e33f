import type { ChatService } from '../../chat/ChatService';
import type { ApiHandlers } from '../types';

type ChatChannels =
  | 'chat.send'
  | 'chat.stop'
  | 'chat.continue'
  | 'chat.regenerate'
  | 'chat.editAndResend'
  | 'conversations.setModel';

export interface ChatHandlerDeps {
  chat: ChatService;
  /** Tells every window the conversation list changed (a send reorders it). */
  conversationsChanged(): void;
}

/** The chat.* calls: thin, so the ChatService is what tests and the CLI drive. */
export function chatHandlers(deps: ChatHandlerDeps): Pick<ApiHandlers, ChatChannels> {
  const changed = <T>(value: T): T => {
    deps.conversationsChanged();
    return value;
  };
  return {
    'chat.send': async (request) => changed(await deps.chat.send(request)),
    'chat.stop': ({ messageId }) => deps.chat.stop(messageId),
    'chat.continue': ({ messageId, ...override }) => deps.chat.continue(messageId, override),
    'chat.regenerate': async ({ messageId, ...override }) =>
      changed(await deps.chat.regenerate(messageId, override)),
    'chat.editAndResend': async ({ messageId, text, ...override }) =>
      changed(await deps.chat.editAndResend(messageId, text, override)),
    'conversations.setModel': ({ id, providerId, model }) =>
      changed(deps.chat.setModel(id, providerId, model)),
  };
}

import type { AuditTrail } from '../../audit/AuditTrail';
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
  /** Tells every window the conversation changed (a send moves it to the top). */
  conversationChanged(conversationId: string): void;
}

/** The chat.* calls: thin, so the ChatService is what tests and the CLI drive. */
export function chatHandlers(deps: ChatHandlerDeps): Pick<ApiHandlers, ChatChannels> {
  const changed = <T>(conversationId: string, value: T): T => {
    deps.conversationChanged(conversationId);
    return value;
  };
  return {
    'chat.send': async (request) => changed(request.conversationId, await deps.chat.send(request)),
    'chat.stop': ({ messageId }) => deps.chat.stop(messageId),
    'chat.continue': ({ messageId, ...override }) => deps.chat.continue(messageId, override),
    'chat.regenerate': async ({ messageId, ...override }) => {
      const started = await deps.chat.regenerate(messageId, override);
      return changed(started.message.conversationId, started);
    },
    'chat.editAndResend': async ({ messageId, text, ...override }) => {
      const sent = await deps.chat.editAndResend(messageId, text, override);
      return changed(sent.userMessage.conversationId, sent);
    },
    'conversations.setModel': ({ id, providerId, model }) =>
      changed(id, deps.chat.setModel(id, providerId, model)),
  };
}

/** `chat.regenerate` as served, plus a 'regenerated' entry on the new reply naming the one it replaced. */
export function withRegenerateAudit<H extends Pick<ApiHandlers, 'chat.regenerate'>>(
  handlers: H,
  audit: AuditTrail,
): H {
  const regenerate = handlers['chat.regenerate'];
  return {
    ...handlers,
    'chat.regenerate': async (request, ctx) => {
      const started = await regenerate(request, ctx);
      if (started.message.id !== request.messageId) {
        audit.record(started.message.id, 'regenerated', { replaces: request.messageId });
      }
      return started;
    },
  };
}

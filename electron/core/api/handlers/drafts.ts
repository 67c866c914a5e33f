import type { ApiHandlers } from '../types';
import type { DraftWriter } from '../../drafts/DraftWriter';

/** `drafts.get` / `drafts.set`: the composer's text per conversation. */
export function draftHandlers(writer: DraftWriter): Pick<ApiHandlers, 'drafts.get' | 'drafts.set'> {
  return {
    'drafts.get': ({ conversationId }) => ({ conversationId, ...writer.get(conversationId) }),
    'drafts.set': ({ conversationId, text }) => {
      writer.set(conversationId, text);
      return {};
    },
  };
}

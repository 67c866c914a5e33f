import type { ApiEvents } from '../../../shared/api/events';
import { ApiFailure } from '../../../shared/api/result';
import type { ConversationStore } from '../store/ConversationStore';

export interface ConversationDeltas {
  /** The conversation was created or changed: every window gets it as it is now. */
  changed(id: string): void;
  /** The conversation is gone (deleted, awaiting purge, or purged). */
  removed(id: string): void;
  /** Many changed at once (an import): windows list again. */
  reset(): void;
}

/**
 * Turns "this conversation changed" into one `conversations.delta` event carrying that
 * conversation alone, so a change costs the same in a library of 20 or 20 000.
 */
export function conversationDeltas(
  conversations: Pick<ConversationStore, 'get'>,
  send: (payload: ApiEvents['conversations.delta']) => void,
): ConversationDeltas {
  return {
    changed(id) {
      try {
        send({ type: 'upsert', conversation: conversations.get(id) });
      } catch (err) {
        // Deleted between the change and now: what windows need to know is that it is gone.
        if (err instanceof ApiFailure && err.code === 'NOT_FOUND') send({ type: 'remove', id });
        else throw err;
      }
    },
    removed(id) {
      send({ type: 'remove', id });
    },
    reset() {
      send({ type: 'reset' });
    },
  };
}

import { createStore } from 'zustand/vanilla';
import type { DeleteScope } from '../../../shared/api/schemas/messages';
import type { ApiClient } from '../api/client';
import type { MessagesStore } from './messages';
import { undoOffer } from './undoOffer';

export interface PendingVersionUndo {
  /** The root of what the delete hid: messages.restore takes it. */
  rootId: string;
  conversationId: string;
  scope: DeleteScope;
  /** How many messages went (the root and everything below it). */
  count: number;
}

export interface VersionsState {
  /** The last delete of a version or branch while Undo is offered. */
  undo: PendingVersionUndo | null;
  /** Shows this version (and the branch below it as it was last shown). */
  select(messageId: string): Promise<boolean>;
  /** Deletes at once (no confirmation: Undo takes it back) and offers Undo for UNDO_TOAST_MS. */
  remove(messageId: string, scope: DeleteScope): Promise<boolean>;
  undoRemove(): Promise<boolean>;
  dismissUndo(): void;
}

/**
 * Which version of a message is shown, and the explicit delete of a version or a
 * branch with the same Undo as conversations. Each reply carries the tree as main
 * now has it; `messages.changed` then tells every other window.
 */
export function createVersionsStore(
  client: ApiClient,
  messages: MessagesStore,
  report: (err: unknown, context: string) => void,
) {
  const store = createStore<VersionsState>()((set) => {
    const pending = undoOffer<PendingVersionUndo>((undo) => set({ undo }), report);
    return {
      undo: null,
      async select(messageId) {
        try {
          const { conversationId, messages: listed } = await client.call('messages.select', { messageId });
          messages.getState().applyList(conversationId, listed);
          return true;
        } catch (err) {
          report(err, 'Could not show that version');
          return false;
        }
      },
      async remove(messageId, scope) {
        let deleted;
        try {
          deleted = await client.call('messages.delete', { messageId, scope });
        } catch (err) {
          report(err, scope === 'branch' ? 'Could not delete the branch' : 'Could not delete the version');
          return false;
        }
        messages.getState().drop(deleted.deletedIds);
        pending.offer({
          rootId: deleted.rootId,
          conversationId: deleted.conversationId,
          scope,
          count: deleted.deletedIds.length,
        });
        return true;
      },
      async undoRemove() {
        const restored = await pending.take(async ({ rootId }) => {
          const { conversationId, messages: listed } = await client.call('messages.restore', {
            messageId: rootId,
          });
          messages.getState().applyList(conversationId, listed);
        }, 'Could not restore what was deleted');
        return restored !== null;
      },
      dismissUndo() {
        pending.withdraw();
      },
    };
  });
  return store;
}
export type VersionsStore = ReturnType<typeof createVersionsStore>;

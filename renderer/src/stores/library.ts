import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client';
import type { ConversationsStore } from './conversations';
import { undoOffer } from './undoOffer';

export interface PendingUndo {
  id: string;
  title: string;
  wasSelected: boolean;
}

export interface LibraryState {
  /** The last deleted conversation while Undo is offered. */
  undo: PendingUndo | null;
  pin(id: string, pinned: boolean): Promise<boolean>;
  /** Deletes at once (no confirmation) and offers Undo for UNDO_TOAST_MS. */
  remove(id: string): Promise<boolean>;
  undoRemove(): Promise<boolean>;
  dismissUndo(): void;
}

/**
 * Pin and delete-with-undo. The list itself stays in the conversations store: it is
 * kept by the `conversations.delta` event each of these calls causes.
 */
export function createLibraryStore(
  client: ApiClient,
  conversations: ConversationsStore,
  report: (err: unknown, context: string) => void,
) {
  const store = createStore<LibraryState>()((set) => {
    const pending = undoOffer<PendingUndo>((undo) => set({ undo }), report);
    return {
      undo: null,
      async pin(id, pinned) {
        try {
          await client.call('conversations.pin', { id, pinned });
          return true;
        } catch (err) {
          report(err, pinned ? 'Could not pin the conversation' : 'Could not unpin the conversation');
          return false;
        }
      },
      async remove(id) {
        const { conversations: list, selectedId, opened } = conversations.getState();
        // It may be open without being in the loaded pages (opened from search).
        const title = (list.find((c) => c.id === id) ?? (opened?.id === id ? opened : null))?.title ?? '';
        try {
          await client.call('conversations.delete', { id });
        } catch (err) {
          report(err, 'Could not delete the conversation');
          return false;
        }
        // Hidden at once, whether or not the event has arrived yet.
        const rest = conversations.getState().conversations.filter((c) => c.id !== id);
        conversations.setState({ conversations: rest, selectedId: selectedId === id ? null : selectedId });
        pending.offer({ id, title, wasSelected: selectedId === id });
        return true;
      },
      async undoRemove() {
        const undo = await pending.take(
          ({ id }) => client.call('conversations.restore', { id }),
          'Could not restore the conversation',
        );
        if (!undo) return false;
        // The restored conversation comes back through its `conversations.delta`.
        if (undo.wasSelected) await conversations.getState().reveal(undo.id);
        return true;
      },
      dismissUndo() {
        pending.withdraw();
      },
    };
  });
  return store;
}
export type LibraryStore = ReturnType<typeof createLibraryStore>;

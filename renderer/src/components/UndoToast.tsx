import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { CloseIcon } from './icons';

/** "Conversation deleted — Undo": deleting needs no confirmation because it can be taken back. */
export function UndoToast() {
  const { library } = useStores();
  const undo = useStore(library, (s) => s.undo);
  return (
    <div className="undo-toast-region" role="status" aria-live="polite">
      {undo && (
        <div className="undo-toast">
          <p className="undo-toast-text">
            Conversation deleted
            {undo.title && <span className="undo-toast-title"> · {undo.title}</span>}
          </p>
          <button
            type="button"
            className="button button-small undo-button"
            onClick={() => void library.getState().undoRemove()}
          >
            Undo
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => library.getState().dismissUndo()}
          >
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}

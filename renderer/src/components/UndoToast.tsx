import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { CloseIcon } from './icons';

/**
 * "Conversation deleted — Undo", "Version deleted — Undo": deleting needs no
 * confirmation because it can be taken back. The conversation's comes first: the
 * sidebar hands the focus to the first Undo after a delete there.
 */
export function UndoToast() {
  const { library, versions } = useStores();
  const undo = useStore(library, (s) => s.undo);
  const versionUndo = useStore(versions, (s) => s.undo);
  return (
    <div className="undo-toast-region" role="status" aria-live="polite">
      {undo && (
        <Toast
          onUndo={() => void library.getState().undoRemove()}
          onDismiss={() => library.getState().dismissUndo()}
        >
          Conversation deleted
          {undo.title && <span className="undo-toast-title"> · {undo.title}</span>}
        </Toast>
      )}
      {versionUndo && (
        <Toast
          onUndo={() => void versions.getState().undoRemove()}
          onDismiss={() => versions.getState().dismissUndo()}
        >
          {versionUndo.scope === 'branch' ? 'Branch deleted' : 'Version deleted'}
          {versionUndo.count > 1 && <span className="undo-toast-title"> · {versionUndo.count} messages</span>}
        </Toast>
      )}
    </div>
  );
}

function Toast({ children, onUndo, onDismiss }: { children: ReactNode; onUndo(): void; onDismiss(): void }) {
  return (
    <div className="undo-toast">
      <p className="undo-toast-text">{children}</p>
      <button type="button" className="button button-small undo-button" onClick={onUndo}>
        Undo
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}

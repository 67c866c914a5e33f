import { useId } from 'react';
import { CloseIcon } from './icons';
import { SHORTCUTS } from './shortcuts';
import { useModalDialog } from './useModalDialog';

/** Ctrl+/ or ?: every keyboard shortcut on one sheet. */
export function ShortcutSheet({ onClose }: { onClose(): void }) {
  const ref = useModalDialog();
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className="dialog shortcut-sheet"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <header className="settings-header">
        <h2 id={titleId} className="dialog-title">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close shortcuts"
          onClick={onClose}
          autoFocus
        >
          <CloseIcon />
        </button>
      </header>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.does}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}

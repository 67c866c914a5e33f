import { useId, type ReactNode } from 'react';
import { useModalDialog } from './useModalDialog';

interface Props {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation on the native <dialog>: showModal() makes the rest of the page
 * inert (focus stays inside), Escape fires `cancel`, and focus returns to the opener
 * on close. Cancel gets the first focus, so Enter never destroys anything by accident.
 */
export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onCancel }: Props) {
  const ref = useModalDialog();
  const titleId = useId();
  const bodyId = useId();

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onCancel(); // a click on the backdrop
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <p id={bodyId} className="dialog-body">
        {children}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

import { useState, type KeyboardEvent } from 'react';

interface Props {
  initial: string;
  /** Its attachments go with the new version, so it may be resent with no words. */
  hasAttachments: boolean;
  busy: boolean;
  onSave(text: string): void;
  onCancel(): void;
}

/** Inline editing of a user message: Save and resend replaces it and asks again; Escape cancels. */
export function MessageEditor({ initial, hasAttachments, busy, onSave, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const canSave = (value.trim() !== '' || hasAttachments) && !busy;
  // Blank words are no words: the attachments alone are resent.
  const save = () => onSave(value.trim() === '' ? '' : value);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      if (canSave) save();
    }
  };
  return (
    <form
      className="message-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSave) save();
      }}
    >
      <textarea
        className="message-editor-input"
        aria-label="Edit message"
        value={value}
        rows={Math.min(10, value.split('\n').length + 1)}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="message-editor-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-small button-primary" disabled={!canSave}>
          Save and resend
        </button>
      </div>
    </form>
  );
}

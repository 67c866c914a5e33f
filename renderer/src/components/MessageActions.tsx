import { useEffect, useState } from 'react';
import type { Message, MessageStatus } from '../../../shared/api/schemas/messages';
import { useStores } from '../stores/context';
import { MessageExportMenu } from './MessageExportMenu';
import { canContinue } from './messageStatus';
import { CheckIcon, ContinueIcon, CopyIcon, PencilIcon, RegenerateIcon } from './icons';
import { InspectIcon } from './libraryIcons';

interface Props {
  message: Message;
  /** The status as shown (the live one while streaming). */
  status: MessageStatus;
  text: string;
  /** An action on this message is on its way: its buttons wait for it. */
  pending: boolean;
  canRegenerate: boolean;
  onEdit?: () => void;
}

/** The buttons under a message: Continue, Regenerate, Edit, Copy, Export, Inspect — each only where it applies. */
export function MessageActions({ message, status, text, pending, canRegenerate, onEdit }: Props) {
  const { chat, inspector } = useStores();
  const assistant = message.role === 'assistant';
  const showContinue = assistant && canContinue(status);
  const showRegenerate = assistant && canRegenerate && status !== 'streaming';
  const showExport = assistant && text !== '';
  if (status === 'streaming') {
    // A reply that is not being saved can still be exported from memory, even mid-stream.
    return showExport && message.unsaved ? (
      <div className="message-actions is-prominent">
        <MessageExportMenu messageId={message.id} />
      </div>
    ) : null;
  }

  return (
    <div className={`message-actions${showContinue ? ' is-prominent' : ''}`}>
      {showContinue && (
        <button
          type="button"
          className="button button-small button-primary"
          disabled={pending}
          onClick={() => void chat.getState().continueReply(message.id)}
        >
          <ContinueIcon />
          <span>Continue</span>
        </button>
      )}
      {showRegenerate && (
        <button
          type="button"
          className="button button-small button-quiet"
          disabled={pending}
          onClick={() => void chat.getState().regenerate(message.id)}
        >
          <RegenerateIcon />
          <span>Regenerate</span>
        </button>
      )}
      {onEdit && (
        <button type="button" className="button button-small button-quiet" onClick={onEdit}>
          <PencilIcon />
          <span>Edit</span>
        </button>
      )}
      {text !== '' && <CopyButton text={text} />}
      {showExport && <MessageExportMenu messageId={message.id} />}
      {assistant && message.streamId && (
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={() => inspector.getState().open(message.id)}
        >
          <InspectIcon />
          <span>Inspect</span>
        </button>
      )}
    </div>
  );
}

/** Says "Copied" for a moment, in words a screen reader announces too. */
function CopyButton({ text }: { text: string }) {
  const { toasts } = useStores();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label="Copy"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            (err: unknown) => toasts.getState().report(err, 'Could not copy'),
          )
        }
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
        <span aria-hidden="true">{copied ? 'Copied' : 'Copy'}</span>
      </button>
      <span className="visually-hidden" role="status">
        {copied ? 'Copied to the clipboard' : ''}
      </span>
    </>
  );
}

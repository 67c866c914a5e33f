import { useEffect, useState } from 'react';
import type { Message, MessageStatus } from '../../../shared/api/schemas/messages';
import { useStores } from '../stores/context';
import { MoreIcon } from './chatIcons';
import { MenuButton, type MenuItem } from './MenuButton';
import { MessageExportMenu } from './MessageExportMenu';
import { canContinue } from './messageStatus';
import { CheckIcon, ContinueIcon, CopyIcon, PencilIcon, RegenerateIcon } from './icons';
import { InspectIcon } from './libraryIcons';
import type { VersionInfo } from './versionInfo';

interface Props {
  message: Message;
  /** The status as shown (the live one while streaming). */
  status: MessageStatus;
  text: string;
  /** An action on this message is on its way: its buttons wait for it. */
  pending: boolean;
  /** Where it stands among its versions (count 1: it has no other). */
  versions: VersionInfo;
  onEdit?: () => void;
}

/**
 * The buttons under a message: Continue, Regenerate, Edit, Copy, Export, Inspect, and
 * the Delete menu — each only where it applies. Regenerate and Edit never ask "are you
 * sure": the version they replace on screen is kept beside the new one.
 */
export function MessageActions({ message, status, text, pending, versions, onEdit }: Props) {
  const { chat, inspector, versions: versionsStore } = useStores();
  const assistant = message.role === 'assistant';
  const showContinue = assistant && canContinue(status);
  const showRegenerate = assistant && status !== 'streaming';
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
          <span className="continue-label" title={message.model ?? undefined}>
            {message.model ? `Continue with ${message.model}` : 'Continue'}
          </span>
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
      <MenuButton
        label="More actions"
        icon={<MoreIcon />}
        items={deleteItems(versions, (scope) => void versionsStore.getState().remove(message.id, scope))}
      />
    </div>
  );
}

/** "Delete this version" (or "Delete from here" when it has no other), and "Delete this branch" where it forks. */
function deleteItems(versions: VersionInfo, remove: (scope: 'version' | 'branch') => void): MenuItem[] {
  const items: MenuItem[] = [
    {
      label: versions.count > 1 ? 'Delete this version' : 'Delete from here',
      danger: true,
      onSelect: () => remove('version'),
    },
  ];
  if (versions.forked)
    items.push({ label: 'Delete this branch', danger: true, onSelect: () => remove('branch') });
  return items;
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

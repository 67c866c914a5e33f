import { useRef, useState, type CSSProperties, type Ref } from 'react';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { Folder } from '../../../shared/api/schemas/folders';
import { startDraggingConversation } from './dragConversation';
import { PencilIcon, TrashIcon } from './icons';
import { FolderIcon, PinIcon } from './libraryIcons';
import { MenuButton, type MenuItem } from './MenuButton';
import { NameEditor } from './NameEditor';

interface Props {
  conversation: Conversation;
  selected: boolean;
  onSelect(): void;
  onRename(title: string): void;
  onPin(pinned: boolean): void;
  onDelete(): void;
  /** The folders it can be moved to (by this menu, or by dragging the row onto one). */
  folders: readonly Folder[];
  onMove(folderId: string | null): void;
  /** Where a virtualised list places and measures the row. */
  rowRef?: Ref<HTMLLIElement>;
  style?: CSSProperties;
  index?: number;
}

/** One row of the sidebar: select it, rename it inline, pin it, or delete it (with Undo). */
export function ConversationItem(props: Props) {
  const { conversation, selected, onSelect, onRename, onPin, onDelete, rowRef, style, index } = props;
  const moves = moveItems(conversation, props.folders, props.onMove);
  const pinned = conversation.pinnedAt !== null;
  const [editing, setEditing] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);

  function finish(title: string | null) {
    setEditing(false);
    const trimmed = title?.trim();
    if (trimmed && trimmed !== conversation.title) onRename(trimmed);
    // Give focus back to the row, not to <body>, so keyboard users stay in place.
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  return (
    <li
      ref={rowRef}
      style={style}
      data-index={index}
      className={`conversation${selected ? ' is-selected' : ''}${pinned ? ' is-pinned' : ''}`}
      draggable={!editing}
      onDragStart={(e) => startDraggingConversation(e, conversation.id)}
    >
      {editing ? (
        <NameEditor label="Conversation title" initial={conversation.title} maxLength={500} onDone={finish} />
      ) : (
        <>
          <button
            type="button"
            className="conversation-title"
            aria-current={selected ? 'page' : undefined}
            onClick={onSelect}
            onDoubleClick={() => setEditing(true)}
            title={conversation.title}
          >
            {conversation.title}
          </button>
          <span className="conversation-actions">
            <button
              ref={renameButton}
              type="button"
              className="icon-button"
              aria-label="Rename conversation"
              title="Rename"
              onClick={() => setEditing(true)}
            >
              <PencilIcon />
            </button>
            <button
              type="button"
              className={`icon-button pin-button${pinned ? ' is-on' : ''}`}
              aria-label={pinned ? 'Unpin conversation' : 'Pin conversation'}
              title={pinned ? 'Unpin' : 'Pin'}
              onClick={() => onPin(!pinned)}
            >
              <PinIcon filled={pinned} />
            </button>
            {moves.length > 0 && <MenuButton label="Move to folder" icon={<FolderIcon />} items={moves} />}
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label="Delete conversation"
              title="Delete"
              onClick={onDelete}
            >
              <TrashIcon />
            </button>
          </span>
        </>
      )}
    </li>
  );
}

/** "Move to <folder>" for every folder it is not in, and "Remove from folder" when it is in one. */
function moveItems(
  conversation: Conversation,
  folders: readonly Folder[],
  onMove: (folderId: string | null) => void,
): MenuItem[] {
  const items: MenuItem[] = folders
    .filter((f) => f.id !== conversation.folderId)
    .map((f) => ({ label: `Move to ${f.name}`, onSelect: () => onMove(f.id) }));
  if (conversation.folderId !== null)
    items.push({ label: 'Remove from folder', onSelect: () => onMove(null) });
  return items;
}

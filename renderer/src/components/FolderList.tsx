import { useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import type { Folder } from '../../../shared/api/schemas/folders';
import { useStores } from '../stores/context';
import { droppedConversation, isDraggingConversation } from './dragConversation';
import { PlusIcon } from './icons';
import { FolderIcon, MoreIcon } from './libraryIcons';
import { MenuButton } from './MenuButton';
import { NameEditor } from './NameEditor';

/**
 * The sidebar's folders (one level): show one folder's conversations, or all of them;
 * drop a conversation on a folder to move it there; rename, export or delete a folder
 * from its menu. A deleted folder's conversations stay, in no folder.
 */
export function FolderList() {
  const { folders: store, conversations, exports } = useStores();
  const folders = useStore(store, (s) => s.folders);
  const shown = useStore(conversations, (s) => s.filter.folderId);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dropOn, setDropOn] = useState<string | null>(null);

  const show = (folderId: string | null) => void conversations.getState().setFilter({ folderId });
  const dropTarget = (folder: Folder) => ({
    onDragOver: (e: DragEvent) => {
      if (!isDraggingConversation(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setDropOn(folder.id);
    },
    onDragLeave: () => setDropOn((at) => (at === folder.id ? null : at)),
    onDrop: (e: DragEvent) => {
      setDropOn(null);
      const id = droppedConversation(e);
      if (!id) return;
      e.preventDefault();
      void conversations.getState().move(id, folder.id);
    },
  });

  return (
    <section className="folders" aria-labelledby="folder-list-heading">
      <div className="list-heading-row">
        <h2 className="list-heading" id="folder-list-heading">
          Folders
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="New folder"
          title="New folder"
          onClick={() => setCreating(true)}
        >
          <PlusIcon />
        </button>
      </div>
      <ul className="folder-list" aria-labelledby="folder-list-heading">
        <li className={`folder${shown === null ? ' is-selected' : ''}`}>
          <button
            type="button"
            className="folder-name"
            aria-current={shown === null ? 'true' : undefined}
            onClick={() => show(null)}
          >
            All chats
          </button>
        </li>
        {folders.map((folder) =>
          renaming === folder.id ? (
            <li key={folder.id} className="folder">
              <NameEditor
                label="Folder name"
                initial={folder.name}
                onDone={(name) => {
                  setRenaming(null);
                  if (name && name !== folder.name) void store.getState().rename(folder.id, name);
                }}
              />
            </li>
          ) : (
            <li
              key={folder.id}
              className={`folder${shown === folder.id ? ' is-selected' : ''}${dropOn === folder.id ? ' is-drop-target' : ''}`}
              {...dropTarget(folder)}
            >
              <button
                type="button"
                className="folder-name"
                aria-current={shown === folder.id ? 'true' : undefined}
                onClick={() => show(folder.id)}
              >
                <FolderIcon />
                <span>{folder.name}</span>
              </button>
              <MenuButton
                label={`Folder actions: ${folder.name}`}
                icon={<MoreIcon />}
                items={[
                  { label: 'Rename folder', onSelect: () => setRenaming(folder.id) },
                  {
                    label: 'Export folder as JSON',
                    onSelect: () =>
                      void exports
                        .getState()
                        .start({ kind: 'folder', folderId: folder.id, format: 'json' }, 'Folder'),
                  },
                  {
                    label: 'Export folder as Markdown',
                    onSelect: () =>
                      void exports
                        .getState()
                        .start({ kind: 'folder', folderId: folder.id, format: 'markdown-folder' }, 'Folder'),
                  },
                  {
                    label: 'Delete folder',
                    danger: true,
                    onSelect: () => void store.getState().remove(folder.id),
                  },
                ]}
              />
            </li>
          ),
        )}
        {creating && (
          <li className="folder">
            <NameEditor
              label="New folder name"
              initial=""
              onDone={(name) => {
                setCreating(false);
                if (name) void store.getState().create(name);
              }}
            />
          </li>
        )}
      </ul>
    </section>
  );
}

import { useCallback, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { useStores } from '../stores/context';
import { ConversationItem } from './ConversationItem';
import { DiagnosticsButton } from './diagnostics/DiagnosticsButton';
import { ExportMenu } from './ExportMenu';
import { FilterBox } from './FilterBox';
import { FolderList } from './FolderList';
import { PlusIcon, SettingsIcon, SpoolMark } from './icons';
import { SearchIcon } from './libraryIcons';
import { ariaShortcut, MOD_KEY } from './shortcuts';
import { ThemeSwitch } from './ThemeSwitch';
import { VirtualConversationList } from './VirtualConversationList';

interface Props {
  onNewChat(): void;
  onOpenSettings(): void;
}

export function Sidebar({ onNewChat, onOpenSettings }: Props) {
  const { conversations: store, app, library, search, folders: foldersStore } = useStores();
  const conversations = useStore(store, (s) => s.conversations);
  const folders = useStore(foldersStore, (s) => s.folders);
  const filtered = useStore(store, (s) => s.filter.folderId !== null || s.filter.query.trim() !== '');
  const folderName = useStore(store, (s) => folders.find((f) => f.id === s.filter.folderId)?.name ?? null);
  const morePages = useStore(store, (s) => s.next !== null);
  const selectedId = useStore(store, (s) => s.selectedId);
  const loaded = useStore(store, (s) => s.loaded);
  const info = useStore(app, (s) => s.info);
  const navRef = useRef<HTMLElement>(null);
  const pinned = conversations.filter((c) => c.pinnedAt !== null);
  const others = conversations.filter((c) => c.pinnedAt === null);
  const loadMore = useCallback(() => void store.getState().loadMore(), [store]);
  // A first page of pinned ones only leaves no list to scroll: ask for the next page at once.
  useEffect(() => {
    if (loaded && others.length === 0 && morePages) loadMore();
  }, [loaded, others.length, morePages, loadMore]);

  const item = (
    c: Conversation,
    place?: { ref: (el: HTMLLIElement | null) => void; index: number; top: number },
  ) => (
    <ConversationItem
      key={c.id}
      conversation={c}
      selected={c.id === selectedId}
      onSelect={() => store.getState().select(c.id)}
      onRename={(title) => store.getState().rename(c.id, title)}
      onPin={(pin) => void library.getState().pin(c.id, pin)}
      // No confirmation: the toast offers Undo. The row that had focus is gone, so focus moves to Undo.
      folders={folders}
      onMove={(folderId) => void store.getState().move(c.id, folderId)}
      onDelete={() =>
        void library
          .getState()
          .remove(c.id)
          .then((ok) => ok && focusUndo())
      }
      {...(place
        ? { rowRef: place.ref, index: place.index, style: { transform: `translateY(${place.top}px)` } }
        : {})}
    />
  );

  return (
    <aside className="sidebar">
      <header className="sidebar-header">
        <div className="brand">
          <span className="brand-mark">
            <SpoolMark />
          </span>
          <span className="brand-name">Spool</span>
        </div>
        <button
          type="button"
          className="button button-primary new-chat"
          onClick={onNewChat}
          aria-keyshortcuts={ariaShortcut('N')}
        >
          <PlusIcon />
          <span>New chat</span>
          <kbd className="shortcut" aria-hidden="true">
            {MOD_KEY}N
          </kbd>
        </button>
        <button
          type="button"
          className="button button-quiet search-button"
          onClick={() => search.getState().show()}
          aria-keyshortcuts={ariaShortcut('K')}
        >
          <SearchIcon />
          <span>Search</span>
          <kbd className="shortcut" aria-hidden="true">
            {MOD_KEY}K
          </kbd>
        </button>
      </header>

      <FolderList />
      <FilterBox />
      <nav className="conversations" aria-label="Conversations" aria-busy={!loaded} ref={navRef}>
        {loaded && conversations.length === 0 ? (
          <p className="sidebar-empty">{filtered ? 'No conversation matches.' : 'No conversations yet.'}</p>
        ) : (
          <>
            {pinned.length > 0 && (
              <>
                <h2 className="list-heading" id="pinned-list-heading">
                  Pinned
                </h2>
                <ul className="conversation-list" aria-labelledby="pinned-list-heading">
                  {pinned.map((c) => item(c))}
                </ul>
              </>
            )}
            {others.length > 0 && (
              <>
                <h2 className="list-heading" id="conversation-list-heading">
                  {folderName ?? 'Chats'}
                </h2>
                <VirtualConversationList
                  conversations={others}
                  scrollRef={navRef}
                  labelledBy="conversation-list-heading"
                  rowsAbove={pinned.length}
                  row={item}
                  onNearEnd={loadMore}
                />
              </>
            )}
          </>
        )}
      </nav>

      <footer className="sidebar-footer">
        <div className="sidebar-footer-row">
          <button
            type="button"
            className="button button-quiet settings-button"
            onClick={onOpenSettings}
            aria-keyshortcuts={ariaShortcut(',')}
          >
            <SettingsIcon />
            <span>Settings</span>
          </button>
          <ThemeSwitch />
        </div>
        <DiagnosticsButton />
        <ExportMenu
          label="Export library"
          subject="Library"
          className="button button-quiet settings-button"
          above
          choices={[
            { label: 'JSON file', target: { kind: 'library', format: 'json' } },
            { label: 'Markdown folder', target: { kind: 'library', format: 'markdown-folder' } },
          ]}
        />
        {info && (
          <p className="app-meta" title={`Library: ${info.dataDir}`}>
            v{info.version} · {info.mode === 'web' ? 'browser mode' : info.mode}
          </p>
        )}
      </footer>
    </aside>
  );
}

function focusUndo(): void {
  requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('.undo-button')?.focus());
}

import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { useStores } from '../stores/context';
import { ConfirmDialog } from './ConfirmDialog';
import { ConversationItem } from './ConversationItem';
import { PlusIcon, SettingsIcon, SpoolMark } from './icons';
import { ThemeSwitch } from './ThemeSwitch';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_KEY = isMac ? '⌘' : 'Ctrl+';

interface Props {
  onNewChat(): void;
  onOpenSettings(): void;
}

export function Sidebar({ onNewChat, onOpenSettings }: Props) {
  const { conversations: store, app } = useStores();
  const conversations = useStore(store, (s) => s.conversations);
  const selectedId = useStore(store, (s) => s.selectedId);
  const loaded = useStore(store, (s) => s.loaded);
  const info = useStore(app, (s) => s.info);
  const [deleting, setDeleting] = useState<Conversation | null>(null);
  const newChatButton = useRef<HTMLButtonElement>(null);

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
          ref={newChatButton}
          type="button"
          className="button button-primary new-chat"
          onClick={onNewChat}
          aria-keyshortcuts={isMac ? 'Meta+N' : 'Control+N'}
        >
          <PlusIcon />
          <span>New chat</span>
          <kbd className="shortcut" aria-hidden="true">
            {MOD_KEY}N
          </kbd>
        </button>
      </header>

      <nav className="conversations" aria-label="Conversations" aria-busy={!loaded}>
        {loaded && conversations.length === 0 ? (
          <p className="sidebar-empty">No conversations yet.</p>
        ) : (
          <>
            <h2 className="list-heading" id="conversation-list-heading">
              Chats
            </h2>
            <ul className="conversation-list" aria-labelledby="conversation-list-heading">
              {conversations.map((c) => (
                <ConversationItem
                  key={c.id}
                  conversation={c}
                  selected={c.id === selectedId}
                  onSelect={() => store.getState().select(c.id)}
                  onRename={(title) => store.getState().rename(c.id, title)}
                  onDelete={() => setDeleting(c)}
                />
              ))}
            </ul>
          </>
        )}
      </nav>

      <footer className="sidebar-footer">
        <div className="sidebar-footer-row">
          <button type="button" className="button button-quiet settings-button" onClick={onOpenSettings}>
            <SettingsIcon />
            <span>Settings</span>
          </button>
          <ThemeSwitch />
        </div>
        {info && (
          <p className="app-meta" title={`Library: ${info.dataDir}`}>
            v{info.version} · {info.mode === 'web' ? 'browser mode' : info.mode}
          </p>
        )}
      </footer>

      {deleting && (
        <ConfirmDialog
          title="Delete conversation?"
          confirmLabel="Delete"
          onConfirm={() => {
            void store.getState().remove(deleting.id);
            setDeleting(null);
            // The row that had focus is gone; land somewhere useful rather than on <body>.
            requestAnimationFrame(() => newChatButton.current?.focus());
          }}
          onCancel={() => setDeleting(null)}
        >
          “{deleting.title}” and all of its messages will be deleted from this computer. This cannot be
          undone.
        </ConfirmDialog>
      )}
    </aside>
  );
}

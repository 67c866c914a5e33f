import { useCallback, useEffect, useRef, useState } from 'react';
import { useStores } from '../stores/context';
import { useThemeFromSettings } from '../theme';
import { ChatPane } from './ChatPane';
import { ConnectionBanner, NoticeBanners, Toasts } from './Banners';
import { SettingsDialog } from './settings/SettingsDialog';
import { Sidebar } from './Sidebar';

/** The first screen: conversations on the left, the chat on the right. */
export function App() {
  const { conversations } = useStores();
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [settings, setSettings] = useState<'closed' | 'list' | 'add'>('closed');
  useThemeFromSettings();

  const newChat = useCallback(async () => {
    const created = await conversations.getState().create();
    if (created) composerRef.current?.focus();
  }, [conversations]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        void newChat();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [newChat]);

  return (
    <div className="app">
      <Sidebar onNewChat={newChat} onOpenSettings={() => setSettings('list')} />
      <main className="main">
        <ConnectionBanner />
        <NoticeBanners />
        <ChatPane composerRef={composerRef} onOpenSettings={() => setSettings('add')} />
      </main>
      {settings !== 'closed' && <SettingsDialog startWith={settings} onClose={() => setSettings('closed')} />}
      <Toasts />
    </div>
  );
}

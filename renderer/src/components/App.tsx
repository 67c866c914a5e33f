import { useCallback, useEffect, useRef } from 'react';
import { useStores } from '../stores/context';
import { useThemeFromSettings } from '../theme';
import { ChatPane } from './ChatPane';
import { ConnectionBanner, NoticeBanners, Toasts } from './Banners';
import { Sidebar } from './Sidebar';

/** The first screen: conversations on the left, the chat on the right. */
export function App() {
  const { conversations } = useStores();
  const composerRef = useRef<HTMLTextAreaElement>(null);
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
      <Sidebar onNewChat={newChat} />
      <main className="main">
        <ConnectionBanner />
        <NoticeBanners />
        <ChatPane composerRef={composerRef} />
      </main>
      <Toasts />
    </div>
  );
}

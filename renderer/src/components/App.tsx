import { useCallback, useEffect, useRef, useState } from 'react';
import { useStores } from '../stores/context';
import { useThemeFromSettings } from '../theme';
import { ChatPane } from './ChatPane';
import { ConnectionBanner, NoticeBanners, Toasts } from './Banners';
import { SettingsDialog } from './settings/SettingsDialog';
import { ShortcutSheet } from './ShortcutSheet';
import { isModKey, isTyping } from './shortcuts';
import { Sidebar } from './Sidebar';
import { useMediaQuery } from './useMediaQuery';

/** Below this width the sidebar starts hidden, leaving the room to the conversation. */
const NARROW = '(max-width: 900px)';

/** The first screen: conversations on the left, the chat on the right. */
export function App() {
  const { conversations } = useStores();
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const [settings, setSettings] = useState<'closed' | 'list' | 'add'>('closed');
  const [shortcuts, setShortcuts] = useState(false);
  // The reader's choice wins at the width it was made for; across the threshold the width decides.
  const narrow = useMediaQuery(NARROW);
  const [choice, setChoice] = useState<{ narrow: boolean; open: boolean } | null>(null);
  const sidebarOpen = choice?.narrow === narrow ? choice.open : !narrow;
  const toggleSidebar = useCallback(() => setChoice({ narrow, open: !sidebarOpen }), [narrow, sidebarOpen]);
  useThemeFromSettings();

  const newChat = useCallback(async () => {
    const created = await conversations.getState().create();
    if (created) composerRef.current?.focus();
  }, [conversations]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isModKey(e, 'n')) {
        e.preventDefault();
        void newChat();
      } else if (isModKey(e, ',')) {
        e.preventDefault();
        setSettings('list');
      } else if (isModKey(e, 'b')) {
        e.preventDefault();
        toggleSidebar();
      } else if (isModKey(e, '/') || (e.key === '?' && !e.ctrlKey && !e.metaKey && !isTyping(e.target))) {
        e.preventDefault();
        setShortcuts((open) => !open);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [newChat, toggleSidebar]);

  return (
    <div className={`app${sidebarOpen ? '' : ' is-sidebar-hidden'}`}>
      {sidebarOpen && <Sidebar onNewChat={newChat} onOpenSettings={() => setSettings('list')} />}
      <main className="main">
        <ConnectionBanner />
        <NoticeBanners />
        <ChatPane
          composerRef={composerRef}
          onOpenSettings={() => setSettings('add')}
          sidebarOpen={sidebarOpen}
          onToggleSidebar={toggleSidebar}
        />
      </main>
      {settings !== 'closed' && <SettingsDialog startWith={settings} onClose={() => setSettings('closed')} />}
      {shortcuts && <ShortcutSheet onClose={() => setShortcuts(false)} />}
      <Toasts />
    </div>
  );
}

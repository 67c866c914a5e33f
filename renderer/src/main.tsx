import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { App } from './components/App';
import { LibraryLayer } from './components/LibraryLayer';
import { downloadWithTicket } from './download';
import { createAppStores } from './stores';
import { StoresProvider } from './stores/context';
import { StreamStoreContext } from './stream/hooks';
import { applyTheme } from './theme';
import './styles/tokens.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/chat.css';
import './styles/chatHeader.css';
import './styles/settings.css';
import './styles/library.css';
import './styles/versions.css';
import './styles/folders.css';
import './styles/attachments.css';
import './styles/presets.css';
import './styles/cost.css';

applyTheme('system'); // until settings arrive, so the first paint already matches the OS

/** Per tab, so a reload reopens the same chat while two tabs can each show their own. */
const SELECTED_KEY = 'spool.selectedConversation';
const { client, token } = connectApi();
const stores = createAppStores(client, {
  selection: {
    read: () => sessionStorage.getItem(SELECTED_KEY),
    write: (id) => (id ? sessionStorage.setItem(SELECTED_KEY, id) : sessionStorage.removeItem(SELECTED_KEY)),
  },
  ...(token !== null ? { download: downloadWithTicket(token) } : {}),
});
void stores.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <StreamStoreContext.Provider value={stores.streams}>
        <App />
        <LibraryLayer />
      </StreamStoreContext.Provider>
    </StoresProvider>
  </StrictMode>,
);

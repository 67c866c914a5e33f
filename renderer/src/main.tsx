import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/connect';
import { App } from './components/App';
import { createAppStores } from './stores';
import { StoresProvider } from './stores/context';
import { applyTheme } from './theme';
import './styles/tokens.css';
import './styles/layout.css';
import './styles/components.css';

applyTheme('system'); // until settings arrive, so the first paint already matches the OS

const stores = createAppStores(connectApi());
void stores.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);

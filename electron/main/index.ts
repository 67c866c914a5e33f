import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type WebContents } from 'electron';
import { SpoolCore } from '../core/SpoolCore';
import { DatabaseLockedError, DatabaseTooNewError } from '../core/db/errors';
import { defaultDataDir } from '../core/paths';
import { appLocation, isAllowedExternalUrl } from './appUrl';
import { parseMainArgs } from './args';
import { chooseExportDestination } from './exportDialog';
import { wireIpc } from './ipc';
import { SafeStorageSecretStore } from './secrets/SafeStorageSecretStore';
import { lockNavigation, secureSession, secureWindowOptions, showWhenReady } from './window';

/**
 * The Electron shell: app lifecycle, the window, IPC wiring. Everything that
 * matters happens in the core; this file only connects it to Electron.
 */

const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_INDEX = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const location = appLocation(devServerUrl, RENDERER_INDEX);

// The same library as browser mode and the CLI, unless --data-dir says otherwise.
const dataDir = parseMainArgs(process.argv).dataDir ?? defaultDataDir();
app.setPath('userData', dataDir);

const windows = new Set<WebContents>();
let core: SpoolCore | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(secureWindowOptions(PRELOAD));
  const contents = window.webContents;
  windows.add(contents);
  contents.once('destroyed', () => windows.delete(contents));
  // DESIGN §3.6: snapshots are written out when a window closes; its streams keep running in the core.
  window.on('close', () => core?.flushAll());
  showWhenReady(window);
  if (location.kind === 'dev') void window.loadURL(devServerUrl!);
  else void window.loadFile(location.file);
  return window;
}

function openLibrary(): SpoolCore | null {
  try {
    // API keys are encrypted with the OS keyring via safeStorage (after 'ready', as it requires).
    const secrets = SafeStorageSecretStore.inDataDir(safeStorage, dataDir);
    const opened = SpoolCore.open({ dataDir, mode: 'desktop', secrets, chooseExportDestination });
    for (const notice of opened.info.notices) console.warn(`[spool] ${notice.level}: ${notice.message}`);
    return opened;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    dialog.showErrorBox('Spool cannot open its library', message);
    app.exit(err instanceof DatabaseTooNewError ? 3 : err instanceof DatabaseLockedError ? 4 : 1);
    return null;
  }
}

// Two desktop instances on one data dir would fight over windows; the second hands over to the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [first] = BrowserWindow.getAllWindows();
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });

  // Every web contents, including any a bug might create, gets the navigation lock.
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, location, (url) =>
      isAllowedExternalUrl(url) ? shell.openExternal(url) : Promise.resolve(),
    );
  });

  void app.whenReady().then(() => {
    core = openLibrary();
    if (!core) return;
    secureSession(session.defaultSession, { dev: location.kind === 'dev' });
    wireIpc(ipcMain, core, location, (contents) => windows.has(contents));
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits for the core to flush and close the database.
  let coreClosed = false;
  app.on('will-quit', (event) => {
    if (coreClosed || !core) return;
    event.preventDefault();
    coreClosed = true;
    core.close().then(
      () => app.quit(),
      (err: unknown) => {
        console.error('[spool] closing the library failed:', err);
        app.exit(1);
      },
    );
  });
}

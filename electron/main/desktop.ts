import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import type { ContractCheck } from '../../shared/api/contractCheck';
import { contractCheckFromEnv, SpoolCore } from '../core/SpoolCore';
import { DatabaseLockedError, DatabaseTooNewError } from '../core/db/errors';
import { defaultDataDir } from '../core/paths';
import { EXIT } from '../../shared/exitCodes';
import { APP_SCHEME_PRIVILEGES, serveApp } from './appProtocol';
import { appLocation, isAllowedExternalUrl } from './appUrl';
import { chromiumProfileDir } from './chromiumProfile';
import { parseMainArgs } from './args';
import { catchMainProcessErrors } from './crash/catchErrors';
import { CrashJournal } from './crash/crashJournal';
import { logsDir } from './crash/logFiles';
import { startMainLog, type MainLog } from './crash/mainLog';
import { Redactor } from './crash/redact';
import { startupNotice } from './crash/startupNotice';
import { chooseExportDestination, chooseImportFile, chooseModelFile } from './exportDialog';
import { wireIpc } from './ipc';
import { aboutDetail, buildMenuTemplate } from './menu';
import { createQuitSequence } from './quit';
import { watchRendererHealth } from './rendererHealth';
import { RedactingSecretStore } from './secrets/redactingSecretStore';
import { SafeStorageSecretStore } from './secrets/SafeStorageSecretStore';
import { desktopCsp, lockNavigation, secureSession, secureWindowOptions, showWhenReady } from './window';
import { loadWindowState, placeWindow, saveWindowState, windowStateFile } from './windowState';

/**
 * The desktop app: lifecycle, the window, menus, crash handling, the graceful
 * quit. Everything that matters happens in the core; this file connects it to
 * Electron. The decisions (menu, window placement, quit order, crash notice,
 * renderer recovery) live in the small modules it imports, each unit-tested.
 */
const PRELOAD = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

export function startDesktopApp(): void {
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const location = appLocation(devServerUrl);
  // Before 'ready', as Electron requires: the built page is served at app://spool/.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  // The same library as browser mode and the CLI, unless --data-dir says otherwise.
  const dataDir = parseMainArgs(process.argv).dataDir ?? defaultDataDir();
  // userData also keys the single-instance lock, so it stays one per data dir.
  app.setPath('userData', chromiumProfileDir(dataDir));

  // Two desktop instances on one data dir would fight over windows; the second hands over to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const redactor = new Redactor();
  redactor.addSecretsFromEnv(process.env);
  const log = startMainLog(dataDir, redactor);
  const journal = new CrashJournal(logsDir(dataDir));
  catchMainProcessErrors(process, { log, journal, redactor, now: Date.now });
  const previousRun = journal.begin({ version: app.getVersion(), pid: process.pid, now: Date.now() });

  const windows = new Set<WebContents>();
  let core: SpoolCore | null = null;
  const stateFile = windowStateFile(dataDir);

  const openFolder = (folder: string) =>
    void shell
      .openPath(folder)
      .then((error) => error && log.warn(`[spool] could not open ${folder}: ${error}`));

  const showAbout = () =>
    void dialog
      .showMessageBox({
        type: 'info',
        title: `About ${app.name}`,
        message: `${app.name} ${app.getVersion()}`,
        detail: aboutDetail({
          version: app.getVersion(),
          dataDir,
          logsDir: logsDir(dataDir),
          versions: process.versions,
        }),
        buttons: ['OK', 'Open Data Folder'],
        defaultId: 0,
        cancelId: 0,
      })
      .then(({ response }) => response === 1 && openFolder(dataDir));

  function createWindow(): BrowserWindow {
    const options = secureWindowOptions(PRELOAD);
    const primary = screen.getPrimaryDisplay();
    const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
    const placement = placeWindow(
      loadWindowState(stateFile),
      [primary, ...others].map((display) => display.workArea),
      { width: 1200, height: 800, minWidth: 720, minHeight: 480, ...options },
    );
    const { maximized, ...bounds } = placement;
    const window = new BrowserWindow({ ...options, ...bounds });
    if (maximized) window.maximize();
    const contents = window.webContents;
    windows.add(contents);
    contents.once('destroyed', () => windows.delete(contents));
    window.on('close', () => {
      try {
        saveWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
      } catch (err) {
        log.warn('[spool] could not remember the window position:', err);
      }
      // DESIGN §3.6: snapshots are written out when a window closes; its streams keep running in the core.
      core?.flushAll();
    });
    watchRendererHealth(contents, rendererHealthDeps(window, log));
    showWhenReady(window);
    void window.loadURL(location.kind === 'dev' ? devServerUrl! : location.url);
    return window;
  }

  function openLibrary(contractCheck: ContractCheck | undefined): SpoolCore | null {
    try {
      // API keys are encrypted with the OS keyring via safeStorage (after 'ready', as it requires).
      const stored = SafeStorageSecretStore.inDataDir(safeStorage, dataDir);
      const opened = SpoolCore.open({
        dataDir,
        mode: 'desktop',
        contractCheck,
        secrets: new RedactingSecretStore(stored, redactor),
        chooseExportDestination,
        chooseImportFile,
        showInFolder: (file) => shell.showItemInFolder(file),
        local: { chooseModelFile },
        log: (line) => log.info(line),
        onInternalError: (err, where) => log.error(`[spool] internal error in ${where}:`, err),
      });
      for (const notice of opened.info.notices) log.warn(`[spool] ${notice.level}: ${notice.message}`);
      return opened;
    } catch (err) {
      log.error('[spool] cannot open the library:', err);
      const message = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('Spool cannot open its library', message);
      app.exit(
        err instanceof DatabaseTooNewError
          ? EXIT.dbTooNew
          : err instanceof DatabaseLockedError
            ? EXIT.dbLocked
            : EXIT.failed,
      );
      return null;
    }
  }

  /** What launch recovery found after an unclean exit becomes a start-up notice (and a log line). */
  async function reportPreviousRun(opened: SpoolCore): Promise<void> {
    const client = opened.connect(() => undefined);
    const result = await client.call('recovery.report', {});
    client.dispose();
    const report = result.ok ? result.data : { streamsInterrupted: 0, messagesRebuilt: 0 };
    const notice = startupNotice(previousRun, report, logsDir(dataDir));
    if (!notice) return;
    log.warn(`[spool] start-up notice: ${notice.message}`);
    // Added before the first window asks for app.info.
    opened.info.notices.push(notice);
  }

  app.on('second-instance', () => {
    const [first] = BrowserWindow.getAllWindows();
    if (!first) return;
    if (first.isMinimized()) first.restore();
    first.show();
    first.focus();
  });

  // Every web contents, including any a bug might create, gets the navigation lock.
  app.on('web-contents-created', (_event, contents) => {
    lockNavigation(contents, location, (url) =>
      isAllowedExternalUrl(url) ? shell.openExternal(url) : Promise.resolve(),
    );
  });

  void app.whenReady().then(async () => {
    // A packaged app is never a test run: the variable cannot make it write files or check calls.
    core = openLibrary(app.isPackaged ? undefined : await contractCheckFromEnv());
    if (!core) return;
    await reportPreviousRun(core);
    secureSession(session.defaultSession, { dev: location.kind === 'dev', app: location });
    if (location.kind === 'app') serveApp(protocol, RENDERER_DIR, desktopCsp({ dev: false }));
    wireIpc(ipcMain, core, location, (contents) => windows.has(contents));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          appName: app.name,
          platform: process.platform,
          dev: !app.isPackaged,
          actions: {
            showAbout,
            openDataFolder: () => openFolder(dataDir),
            openLogsFolder: () => openFolder(logsDir(dataDir)),
          },
        }),
      ),
    );
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits (boundedly) for the core to flush, interrupt its streams and close the database.
  const quit = createQuitSequence({
    flushAll: () => core?.flushAll(),
    close: () => core?.close() ?? Promise.resolve(),
    exit: (code) => app.exit(code),
    onOutcome: (outcome, err) => {
      if (outcome === 'closed') journal.endCleanly();
      else log.error(`[spool] quit: closing the library ${outcome}`, err ?? '');
    },
  });
  app.on('will-quit', (event) => {
    if (quit()) event.preventDefault();
  });
}

function rendererHealthDeps(window: BrowserWindow, log: MainLog) {
  return {
    log,
    now: Date.now,
    askToReloadHungPage: async () => {
      const { response } = await dialog.showMessageBox(window, {
        type: 'warning',
        title: 'Spool is not responding',
        message: "Spool's window is not responding.",
        detail: 'Reloading it is safe: replies keep streaming and are saved, and the window catches up.',
        buttons: ['Reload', 'Wait'],
        defaultId: 0,
        cancelId: 1,
      });
      return response === 0;
    },
    reportCrashLoop: () => {
      void dialog
        .showMessageBox(window, {
          type: 'error',
          title: 'Spool',
          message: "Spool's window keeps crashing.",
          detail: 'Your replies are saved. Details are in the logs folder (Help → Open Logs Folder).',
          buttons: ['Try Again', 'Quit'],
          defaultId: 0,
          cancelId: 1,
        })
        .then(({ response }) => (response === 0 ? window.webContents.reload() : app.quit()));
    },
  };
}

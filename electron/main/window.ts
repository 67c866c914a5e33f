import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { isAllowedExternalUrl, isAppOrigin, isAppUrl, type AppLocation } from './appUrl';

/**
 * The window and session security baseline of DESIGN.md §7. The options are a
 * pure function (electron is imported for types only), so a unit test under
 * plain Node reads exactly what the app uses.
 */
export function secureWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Spool',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
    },
  };
}

/**
 * The CSP of the desktop renderer. The built page also carries it as a meta tag,
 * and browser mode may serve that same build, so it must allow the page's own
 * WebSocket ('self'); the app:// page has nothing to connect to anyway. The dev
 * server needs inline scripts (React refresh) and its HMR socket.
 */
export function desktopCsp({ dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    dev ? "connect-src 'self' ws: http:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The members of Session the security rules use. */
export type SecurableSession = Pick<
  Session,
  'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'
>;

/**
 * The one permission the page gets: writing plain text to the clipboard (Copy buttons:
 * navigator.clipboard.writeText asks for it), and only for the app's own page.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string, app: AppLocation): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppOrigin(requestingUrl, app);
}

/** Session-wide rules: a CSP on every response, and no permission granted but the app's clipboard write. */
export function secureSession(
  session: SecurableSession,
  { dev, app }: { dev: boolean; app: AppLocation },
): void {
  const csp = desktopCsp({ dev });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, app)),
  );
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, app),
  );
}

/** The members of WebContents the navigation lock uses (a test passes an emitter of this shape). */
export type NavigableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Keeps a window on the app's own page: navigation elsewhere is cancelled,
 * window.open never opens an Electron window, and a link the user followed
 * (a click or window.open) goes to the system browser instead — only when
 * `isAllowedExternalUrl` says it is a plain http(s) URL.
 */
export function lockNavigation(
  contents: NavigableContents,
  app: AppLocation,
  openExternal: (url: string) => Promise<void>,
): void {
  const openOutside = (url: string) => {
    if (!isAllowedExternalUrl(url)) return;
    openExternal(url).catch((err: unknown) => console.error('[spool] could not open', url, err));
  };
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, app)) return;
    event.preventDefault();
    openOutside(url);
  });
  // A redirect is the server's choice, not the user's: refused, never opened.
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

/** Shows the window once it has painted, so the first frame is never blank white. */
export function showWhenReady(window: BrowserWindow): void {
  window.once('ready-to-show', () => window.show());
}

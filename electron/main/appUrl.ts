/**
 * Where the app's own page lives: app://spool/index.html when built (served from
 * out/renderer by appProtocol.ts, so the window never runs on file://), or the
 * electron-vite dev server in development. Navigation, IPC, permissions and
 * window.open are judged against it. Pure, so the rules are tested under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'spool';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export type AppLocation = { kind: 'app'; url: string } | { kind: 'dev'; origin: string };

export function appLocation(devServerUrl: string | undefined): AppLocation {
  return devServerUrl
    ? { kind: 'dev', origin: new URL(devServerUrl).origin }
    : { kind: 'app', url: APP_INDEX_URL };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for the app's own page (any query or hash), never another path or origin. */
export function isAppUrl(url: string, app: AppLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (app.kind === 'dev') return parsed.origin === app.origin;
  // app: is not a special scheme to the WHATWG parser (its .origin is "null"), so compare parts.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    (parsed.pathname === '/' || parsed.pathname === '/index.html')
  );
}

/**
 * True for the app's own origin as Chromium reports it with a permission request or
 * check ("app://spool", or the dev server's origin), whatever the path.
 */
export function isAppOrigin(origin: string, app: AppLocation): boolean {
  const parsed = parse(origin);
  if (!parsed) return false;
  if (app.kind === 'dev') return parsed.origin === app.origin;
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '';
}

const EXTERNAL_SCHEMES = new Set(['http:', 'https:']);

/**
 * Links the page asks to open go to the system browser only when they are plain
 * web URLs: file:, javascript:, data:, custom protocol handlers (which can launch
 * local programs) are refused.
 */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      EXTERNAL_SCHEMES.has(parsed.protocol) &&
      parsed.hostname !== '' &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

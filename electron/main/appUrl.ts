import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the app's own page lives: a file in out/renderer when built, or the
 * electron-vite dev server in development. Navigation, IPC and window.open are
 * judged against it. Pure, so the rules are tested under plain Node.
 */
export type AppLocation = { kind: 'file'; file: string } | { kind: 'dev'; origin: string };

export function appLocation(devServerUrl: string | undefined, rendererIndexFile: string): AppLocation {
  return devServerUrl
    ? { kind: 'dev', origin: new URL(devServerUrl).origin }
    : { kind: 'file', file: rendererIndexFile };
}

/** True only for the app's own page (any query or hash), never another file or origin. */
export function isAppUrl(url: string, app: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (app.kind === 'dev') return parsed.origin === app.origin;
  if (parsed.protocol !== 'file:') return false;
  try {
    return path.resolve(fileURLToPath(parsed)) === path.resolve(app.file);
  } catch {
    return false;
  }
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

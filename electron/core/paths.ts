import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'Spool';
export const DB_FILE_NAME = 'spool.db';

/**
 * The default data dir, identical to Electron's `app.getPath('userData')` for an
 * app named Spool, so the desktop app, browser mode and the CLI share one library.
 * Computed here (not asked of Electron) so core/, web/ and cli/ need no Electron.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (env.SPOOL_DATA_DIR) return path.resolve(env.SPOOL_DATA_DIR);
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_NAME);
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
  }
}

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}

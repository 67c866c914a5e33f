import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, MISSING_ENV } from './electronBinary';

/**
 * Decides once whether the suite can run: without Electron's binary every test
 * skips, with one line saying why, and nothing tries to download it. With it,
 * better-sqlite3 is built for Electron's ABI first (a no-op when it already is),
 * as `npm start` does, since the app under test loads that build.
 */
export default function globalSetup(): void {
  const electron = findElectronBinary();
  if (!electron.found) {
    process.env[MISSING_ENV] = electron.reason;
    console.log(`Skipping the Electron tests: Electron's binary is not installed here (${electron.reason}).`);
    return;
  }
  const postinstall = fileURLToPath(new URL('../../scripts/postinstall.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [postinstall, '--for-start'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('better-sqlite3 could not be built for Electron (see above).');
}

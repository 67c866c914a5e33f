import { findElectronBinary, MISSING_ENV } from './electronBinary';

/**
 * Decides once whether the suite can run: without Electron's binary every test
 * skips, with one line saying why, and nothing tries to download it.
 */
export default function globalSetup(): void {
  const electron = findElectronBinary();
  if (electron.found) return;
  process.env[MISSING_ENV] = electron.reason;
  console.log(`Skipping the Electron tests: Electron's binary is not installed here (${electron.reason}).`);
}

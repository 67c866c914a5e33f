// Where Electron's binary is, without ever triggering its download.
//
// `require('electron')` downloads the binary when it is missing, which hangs or
// fails on a machine without network access. This mirrors how electron's
// index.js resolves the path but only looks at the file system.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * `code` says why it is missing: `no-package` (electron is not installed at all, e.g.
 * `npm ci --omit=dev`), `not-downloaded` (Electron 45 fetches its binary on first use),
 * `missing-file` (path.txt names a file that is gone).
 * @returns {{ found: true, path: string }
 *   | { found: false, code: 'no-package' | 'not-downloaded' | 'missing-file', reason: string }}
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { found: false, code: 'no-package', reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? path.join(override, executable || 'electron')
    : executable
      ? path.join(packageDir, 'dist', executable)
      : undefined;
  if (!binary)
    return {
      found: false,
      code: 'not-downloaded',
      reason: 'node_modules/electron/path.txt is missing: the download never completed',
    };
  if (!fs.existsSync(binary))
    return { found: false, code: 'missing-file', reason: `${binary} does not exist` };
  return { found: true, path: binary };
}

/** Electron's own installer (downloads the binary into node_modules/electron/dist). */
export function electronInstaller() {
  return path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
}

// `npm start` and `npm run dev`: the desktop app through electron-vite, or browser
// mode where Electron cannot run, so the command always starts Spool.
//
// On first run Electron's binary is not there yet (Electron 45 fetches it on first use,
// not at install): Electron's own installer fetches it, then better-sqlite3 is built for
// Electron's ABI beside the Node build (scripts/postinstall.mjs --for-start). Without
// network, without the electron package, or when that build fails: browser mode, with
// one line saying why.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronInstaller, findElectronBinary } from './electron-binary.mjs';
import { runForwardingSignals } from './forward.mjs';

/** Environment variables that say "do not download Electron" (the first is Electron's own). */
export const NO_DOWNLOAD_ENV = ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'SPOOL_NO_ELECTRON_DOWNLOAD'];
/** A download of ~100 MB on a slow line; a network that swallows packets must not hang `npm start` forever. */
export const FETCH_TIMEOUT_MS = 10 * 60_000;

/**
 * Whether to run Electron's installer: only when the electron package is there but its
 * binary is not, and nobody asked for no download.
 * @param {import('./electron-binary.mjs').ElectronBinary} binary
 * @param {Record<string, string | undefined>} env
 */
export function shouldFetchElectron(binary, env) {
  if (binary.found || binary.code === 'no-package') return false;
  return !NO_DOWNLOAD_ENV.some((name) => env[name] !== undefined && env[name] !== '' && env[name] !== '0');
}

/**
 * The one line an installer failure comes down to: its first error line (e.g. "TypeError:
 * fetch failed"), else its last line, else its exit status.
 * @param {{ status: number | null, signal?: string | null, stdout?: string, stderr?: string, timedOut?: boolean }} run
 */
export function installerFailure(run) {
  if (run.timedOut) return `no answer within ${FETCH_TIMEOUT_MS / 60_000} minutes`;
  const lines = `${run.stderr ?? ''}\n${run.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /^(\w*Error|error)\b/.test(line));
  return error ?? lines.at(-1) ?? `exit status ${run.status ?? run.signal}`;
}

/**
 * Desktop or browser mode, from what the steps before found.
 * @param {{ binary: import('./electron-binary.mjs').ElectronBinary, fetchError?: string, nativeError?: string }} state
 * @returns {{ mode: 'desktop' } | { mode: 'browser', why: string }}
 */
export function chooseStartMode({ binary, fetchError, nativeError }) {
  if (!binary.found) {
    return {
      mode: 'browser',
      why: fetchError
        ? `Electron's binary could not be fetched (${fetchError})`
        : `Electron's binary is not installed here (${binary.reason})`,
    };
  }
  if (nativeError) return { mode: 'browser', why: nativeError };
  return { mode: 'desktop' };
}

function fetchElectron() {
  process.stderr.write("Fetching Electron's binary (first run only)…\n");
  const run = spawnSync(process.execPath, [electronInstaller()], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: FETCH_TIMEOUT_MS,
  });
  if (run.status === 0) return undefined;
  return installerFailure({ ...run, timedOut: run.error?.code === 'ETIMEDOUT' });
}

function buildNativeForElectron() {
  const script = fileURLToPath(new URL('./postinstall.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, '--for-start'], { stdio: 'inherit' });
  return run.status === 0 ? undefined : 'better-sqlite3 could not be built for Electron (see above)';
}

function main() {
  const args = process.argv.slice(2);
  let binary = findElectronBinary();
  let fetchError;
  if (shouldFetchElectron(binary, process.env)) {
    fetchError = fetchElectron();
    binary = findElectronBinary();
  }
  const nativeError = binary.found ? buildNativeForElectron() : undefined;
  const mode = chooseStartMode({ binary, fetchError, nativeError });

  if (mode.mode === 'desktop') {
    const electronVite = fileURLToPath(
      new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url),
    );
    runForwardingSignals(process.execPath, [electronVite, 'dev', ...(args.length ? ['--', ...args] : [])]);
  } else {
    process.stderr.write(`${mode.why}; starting browser mode instead.\n`);
    runForwardingSignals(process.execPath, [fileURLToPath(new URL('./web.mjs', import.meta.url)), ...args]);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();

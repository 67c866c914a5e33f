import { describe, expect, it } from 'vitest';
import type { ElectronBinary } from '../../../scripts/electron-binary.mjs';
import {
  chooseStartMode,
  installerFailure,
  NO_DOWNLOAD_ENV,
  shouldFetchElectron,
} from '../../../scripts/start.mjs';
import { packageJson } from './builderInternals';

/** `npm start` / `npm run dev`: what scripts/start.mjs decides from what it finds. */
const notDownloaded: ElectronBinary = {
  found: false,
  code: 'not-downloaded',
  reason: 'node_modules/electron/path.txt is missing: the download never completed',
};
const noPackage: ElectronBinary = {
  found: false,
  code: 'no-package',
  reason: 'the electron package is not installed',
};
const found: ElectronBinary = { found: true, path: '/repo/node_modules/electron/dist/electron' };

describe('npm start: fetching Electron’s binary', () => {
  it('fetches it with Electron’s own installer when the package is there but the binary never came', () => {
    expect(shouldFetchElectron(notDownloaded, {})).toBe(true);
    expect(shouldFetchElectron({ found: false, code: 'missing-file', reason: 'gone' }, {})).toBe(true);
  });

  it('fetches nothing when the binary is there or electron is not installed at all (--omit=dev)', () => {
    expect(shouldFetchElectron(found, {})).toBe(false);
    expect(shouldFetchElectron(noPackage, {})).toBe(false);
  });

  it('honours Electron’s ELECTRON_SKIP_BINARY_DOWNLOAD and SPOOL_NO_ELECTRON_DOWNLOAD', () => {
    expect(NO_DOWNLOAD_ENV).toEqual(['ELECTRON_SKIP_BINARY_DOWNLOAD', 'SPOOL_NO_ELECTRON_DOWNLOAD']);
    for (const name of NO_DOWNLOAD_ENV) {
      expect(shouldFetchElectron(notDownloaded, { [name]: '1' }), name).toBe(false);
      expect(shouldFetchElectron(notDownloaded, { [name]: '0' }), name).toBe(true);
    }
  });

  it('sums up a failed download in the installer’s own first error line', () => {
    const stderr = [
      'TypeError: fetch failed',
      '    at node:internal/deps/undici/undici:14976:13',
      '    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)',
    ].join('\n');
    expect(installerFailure({ status: 1, stderr })).toBe('TypeError: fetch failed');
    expect(installerFailure({ status: 1, stderr: '', stdout: 'checksum mismatch\n' })).toBe(
      'checksum mismatch',
    );
    expect(installerFailure({ status: null, signal: 'SIGKILL', stderr: '' })).toBe('exit status SIGKILL');
    expect(installerFailure({ status: null, timedOut: true })).toBe('no answer within 10 minutes');
  });
});

describe('npm start: desktop or browser mode', () => {
  it('opens the desktop app when the binary is there and better-sqlite3 is built for it', () => {
    expect(chooseStartMode({ binary: found })).toEqual({ mode: 'desktop' });
  });

  it('starts browser mode saying the download failed, when it did', () => {
    expect(chooseStartMode({ binary: notDownloaded, fetchError: 'TypeError: fetch failed' })).toEqual({
      mode: 'browser',
      why: "Electron's binary could not be fetched (TypeError: fetch failed)",
    });
  });

  it('starts browser mode saying the binary is absent, when no download was tried', () => {
    expect(chooseStartMode({ binary: noPackage })).toEqual({
      mode: 'browser',
      why: "Electron's binary is not installed here (the electron package is not installed)",
    });
  });

  it('starts browser mode when better-sqlite3 could not be built for Electron, instead of an error box', () => {
    const why = 'better-sqlite3 could not be built for Electron (see above)';
    expect(chooseStartMode({ binary: found, nativeError: why })).toEqual({ mode: 'browser', why });
  });

  it('says why in one line', () => {
    for (const state of [
      { binary: notDownloaded, fetchError: 'TypeError: fetch failed' },
      { binary: noPackage },
    ]) {
      const mode = chooseStartMode(state);
      expect(mode.mode === 'browser' && mode.why.includes('\n')).toBe(false);
    }
  });

  it('is what both `npm start` and `npm run dev` run', () => {
    const scripts = packageJson.scripts as Record<string, string>;
    expect(scripts.start).toBe('node scripts/start.mjs');
    expect(scripts.dev).toBe('node scripts/start.mjs');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary, MISSING_ENV } from './electronBinary';
import { SpoolPage } from './pages';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test.skip(!!process.env[MISSING_ENV], `Electron's binary is not installed: ${process.env[MISSING_ENV]}`);

/** Launches the built app (out/main) on a data dir of its own, as a user would. */
async function launch(dataDir: string): Promise<{ app: ElectronApplication; spool: SpoolPage }> {
  const electron = findElectronBinary();
  if (!electron.found) throw new Error(electron.reason);
  const env = { ...process.env } as Record<string, string>;
  delete env.ELECTRON_RENDERER_URL; // the built renderer, never a dev server
  const app = await _electron.launch({
    executablePath: electron.path,
    // Chromium refuses to run as root with its sandbox (containers, CI).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), repoRoot, '--data-dir', dataDir],
    cwd: repoRoot,
    env,
  });
  const page = await app.firstWindow();
  const spool = new SpoolPage(page);
  await spool.waitUntilLoaded();
  return { app, spool };
}

let dataDir: string;
test.beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-electron-'));
});

test('a conversation created and renamed is still there after a reload', async () => {
  const { app, spool } = await launch(dataDir);
  try {
    await spool.newChat();
    const renamed = await spool.row('New chat').rename('Kept across reloads');
    await expect(renamed.titleButton).toBeVisible();
    await spool.reload();
    await expect(spool.row('Kept across reloads').titleButton).toBeVisible();
  } finally {
    await app.close();
  }
});

test('a conversation is still there after the app is closed and launched again on the same data dir', async () => {
  const first = await launch(dataDir);
  await first.spool.newChat();
  await first.spool.row('New chat').rename('Kept across launches');
  await first.app.close();

  const second = await launch(dataDir);
  try {
    await expect(second.spool.row('Kept across launches').titleButton).toBeVisible();
  } finally {
    await second.app.close();
  }
});

test('the page has no Node.js and only the window.spool bridge', async () => {
  const { app, spool } = await launch(dataDir);
  try {
    const globals = await spool.page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      spool: Object.keys((globalThis as { spool?: object }).spool ?? {}).sort(),
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', spool: ['call', 'on'] });
  } finally {
    await app.close();
  }
});

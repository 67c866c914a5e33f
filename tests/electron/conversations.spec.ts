import { MISSING_ENV } from './electronBinary';
import { expect, test } from './test';
import { launchSpool } from './launch';
import { makeTempDir } from '../helpers/tempDir';

test.skip(!!process.env[MISSING_ENV], `Electron's binary is not installed: ${process.env[MISSING_ENV]}`);

let dataDir: string;
test.beforeEach(() => {
  dataDir = makeTempDir('spool-electron-').dir;
});

test('a conversation created and renamed is still there after a reload', async () => {
  const { app, spool } = await launchSpool(dataDir);
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
  const first = await launchSpool(dataDir);
  await first.spool.newChat();
  await first.spool.row('New chat').rename('Kept across launches');
  await first.app.close();

  const second = await launchSpool(dataDir);
  try {
    await expect(second.spool.row('Kept across launches').titleButton).toBeVisible();
  } finally {
    await second.app.close();
  }
});

test('the page has no Node.js and only the window.spool bridge', async () => {
  const { app, spool } = await launchSpool(dataDir);
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

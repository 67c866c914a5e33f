import fs from 'node:fs';
import path from 'node:path';
import { MISSING_ENV } from './electronBinary';
import { expect, test } from './test';
import { launchSpool, runApp } from './launch';
import { makeTempDir } from '../helpers/tempDir';

test.skip(!!process.env[MISSING_ENV], `Electron's binary is not installed: ${process.env[MISSING_ENV]}`);

let dataDir: string;
test.beforeEach(() => {
  dataDir = makeTempDir('spool-electron-app-').dir;
});

test('a second launch hands over to the first window and exits', async () => {
  const { app } = await launchSpool(dataDir);
  try {
    // Hidden rather than minimised: under Xvfb there is no window manager to minimise it.
    const visible = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible());
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
    await expect.poll(visible).toBe(false);

    const second = await runApp(['--data-dir', dataDir]);
    expect(second.code).toBe(0);

    await expect.poll(visible).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
  }
});

test('the page is served at app://spool/, and Chromium keeps its profile out of the data folder', async () => {
  const { app, spool } = await launchSpool(dataDir);
  try {
    expect(spool.page.url()).toMatch(/^app:\/\/spool\/index\.html/);
    expect(fs.existsSync(path.join(dataDir, 'chromium-profile'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'Local State'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'Preferences'))).toBe(false);
  } finally {
    await app.close();
  }
});

/** The page's globals these specs touch (the suite compiles without the DOM library). */
type PageGlobals = {
  navigator: { clipboard: { writeText(text: string): Promise<void>; readText(): Promise<string> } };
  Notification: { requestPermission(): Promise<string> };
};

test('the page may write the clipboard (Copy buttons) and gets no other permission', async () => {
  const { app, spool } = await launchSpool(dataDir);
  try {
    // Clipboard writes need a focused document.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.focus());
    await spool.page.bringToFront();
    await spool.page.evaluate(
      (text) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(text),
      'copied by Spool',
    );
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe('copied by Spool');
    expect(
      await spool.page.evaluate(() =>
        (globalThis as unknown as PageGlobals).Notification.requestPermission(),
      ),
    ).toBe('denied');
    await expect(
      spool.page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText()),
    ).rejects.toThrow();
  } finally {
    await app.close();
  }
});

test('the window opens again at the size it was closed with', async () => {
  const first = await launchSpool(dataDir);
  await first.app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 40, width: 901, height: 651 }),
  );
  await first.app.close();
  const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')) as {
    bounds: { width: number; height: number };
  };
  expect(saved.bounds).toMatchObject({ width: 901, height: 651 });

  const second = await launchSpool(dataDir);
  try {
    const size = await second.app.evaluate(({ BrowserWindow }) => {
      const { width, height } = BrowserWindow.getAllWindows()[0]!.getNormalBounds();
      return { width, height };
    });
    expect(size).toEqual({ width: 901, height: 651 });
  } finally {
    await second.app.close();
  }
});

test('the menu bar has the standard roles, and Help offers the logs folder', async () => {
  const { app } = await launchSpool(dataDir);
  try {
    const menu = await app.evaluate(({ Menu }) =>
      (Menu.getApplicationMenu()?.items ?? []).map((item) => ({
        role: String(item.role ?? '').toLowerCase(),
        labels: (item.submenu?.items ?? []).map((sub) => sub.label),
      })),
    );
    const roles = menu.map((m) => m.role).filter((r) => r !== 'appmenu');
    expect(roles).toEqual(['filemenu', 'editmenu', 'viewmenu', 'windowmenu', 'help']);
    expect(menu.find((m) => m.role === 'filemenu')?.labels).toContain('Open Data Folder');
    expect(menu.find((m) => m.role === 'help')?.labels).toContain('Open Logs Folder');
  } finally {
    await app.close();
  }
});

test('after the app is killed, the next launch says so at start-up and the log file exists', async () => {
  const first = await launchSpool(dataDir);
  first.app.process().kill('SIGKILL');
  await new Promise((resolve) => first.app.process().once('exit', resolve));

  const second = await launchSpool(dataDir);
  try {
    await expect(
      second.spool.page.getByRole('alert').filter({ hasText: 'did not shut down cleanly' }),
    ).toBeVisible();
    expect(fs.existsSync(path.join(dataDir, 'logs', 'main.log'))).toBe(true);
  } finally {
    await second.app.close();
  }
});

test('a crashed renderer is reloaded and the page is whole again', async () => {
  const { app, spool } = await launchSpool(dataDir);
  try {
    await spool.newChat();
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
    );
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.isCrashed()),
      )
      .toBe(false);
    await spool.waitUntilLoaded();
    await expect(spool.row('New chat').titleButton).toBeVisible();
  } finally {
    await app.close();
  }
});

test('the app binary runs the spool command line with --cli, without a window', async () => {
  const { app } = await launchSpool(dataDir); // creates the library
  await app.close();
  const headless = process.platform === 'linux' ? ['--ozone-platform=headless', '--disable-gpu'] : [];
  const run = await runApp([...headless, '--cli', 'list', '--json', '--data-dir', dataDir]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ conversations: [] });
});

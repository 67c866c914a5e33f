import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../shared/api/bridge';
import type { ApiResult } from '../../../shared/api/result';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { appLocation } from '../../../electron/main/appUrl';
import { wireIpc } from '../../../electron/main/ipc';
import { makeTempDir } from '../../helpers/tempDir';

/**
 * wireIpc against a real core; Electron's ipcMain and webContents are replaced by
 * the few members wireIpc uses, since Electron's binary is not available to unit tests.
 */
const APP_URL = 'app://spool/index.html';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain {
  handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) {
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

let nextId = 1;
class FakeContents extends EventEmitter {
  readonly id = nextId++;
  destroyed = false;
  sent: { channel: string; message: unknown }[] = [];
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
  reload() {
    this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: APP_URL });
  }
}

let core: SpoolCore;
let ipc: FakeIpcMain;
let ours: Set<FakeContents>;
let unwire: () => void;

beforeEach(() => {
  core = SpoolCore.open({ dataDir: makeTempDir('spool-ipc-').dir, mode: 'test' });
  ipc = new FakeIpcMain();
  ours = new Set();
  unwire = wireIpc(ipc as unknown as IpcMain, core, appLocation(undefined), (c) =>
    ours.has(c as unknown as FakeContents),
  );
});
afterEach(async () => {
  unwire();
  await core.close();
});

function call(
  contents: FakeContents,
  frameUrl: string,
  channel: string,
  payload: unknown,
  parent: unknown = null,
) {
  const event = { sender: contents, senderFrame: { url: frameUrl, parent } } as unknown as IpcMainInvokeEvent;
  return ipc.handlers.get(IPC_CALL_CHANNEL)!(event, channel, payload) as Promise<ApiResult<unknown>>;
}

function clientCount(): number {
  return core.connectedClients;
}

describe('spool:call IPC', () => {
  it("answers a call from our window's app page", async () => {
    const win = new FakeContents();
    ours.add(win);
    const result = await call(win, APP_URL, 'conversations.create', { title: 'From IPC' });
    expect(result).toMatchObject({ ok: true, data: { title: 'From IPC' } });
  });

  it('refuses a webContents that is not one of our windows with FORBIDDEN', async () => {
    const stranger = new FakeContents();
    expect(await call(stranger, APP_URL, 'conversations.list', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(clientCount()).toBe(0);
  });

  it('refuses a frame showing another URL with FORBIDDEN', async () => {
    const win = new FakeContents();
    ours.add(win);
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html']) {
      expect(await call(win, url, 'conversations.list', {}), url).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('refuses a subframe with FORBIDDEN', async () => {
    const win = new FakeContents();
    ours.add(win);
    expect(await call(win, APP_URL, 'conversations.list', {}, { url: APP_URL })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('answers a bad payload with a typed BAD_REQUEST', async () => {
    const win = new FakeContents();
    ours.add(win);
    expect(await call(win, APP_URL, 'conversations.rename', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('sends events to the window on spool:event', async () => {
    const win = new FakeContents();
    ours.add(win);
    await call(win, APP_URL, 'conversations.create', { title: 'Evented' });
    expect(win.sent.some((s) => s.channel === IPC_EVENT_CHANNEL)).toBe(true);
  });

  it('gives one window one core client, released when the window is destroyed', async () => {
    const win = new FakeContents();
    ours.add(win);
    await call(win, APP_URL, 'conversations.list', {});
    await call(win, APP_URL, 'conversations.list', {});
    expect(clientCount()).toBe(1);
    win.destroy();
    expect(clientCount()).toBe(0);
  });

  it('replaces the client on reload, and the reloaded page is served', async () => {
    const win = new FakeContents();
    ours.add(win);
    await call(win, APP_URL, 'conversations.create', { title: 'Before reload' });
    win.reload();
    expect(clientCount()).toBe(0);
    const listed = await call(win, APP_URL, 'conversations.list', {});
    expect(listed).toMatchObject({ ok: true, data: [{ title: 'Before reload' }] });
    expect(clientCount()).toBe(1);
  });
});

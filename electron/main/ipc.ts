import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/api/bridge';
import type { ApiResult } from '../../shared/api/result';
import type { CoreClient, SpoolCore } from '../core/SpoolCore';
import { isAppUrl, type AppLocation } from './appUrl';

const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This sender may not call the Spool API.' },
};

/**
 * The main-process end of `window.spool`. Each window's page is one core client,
 * created on its first call. A reload or navigation replaces the page, so its
 * client (and the subscriptions it held) is dropped and the new page starts
 * fresh; the streams themselves belong to the core and keep running.
 */
export function wireIpc(
  ipcMain: IpcMain,
  core: SpoolCore,
  app: AppLocation,
  isOurWindow: (contents: WebContents) => boolean,
): () => void {
  const clients = new Map<number, CoreClient>();

  const drop = (id: number) => {
    clients.get(id)?.dispose();
    clients.delete(id);
  };

  const watched = new WeakSet<WebContents>();
  const watch = (contents: WebContents) => {
    if (watched.has(contents)) return;
    watched.add(contents);
    const id = contents.id;
    contents.once('destroyed', () => drop(id));
    contents.on('render-process-gone', () => drop(id));
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) drop(id);
    });
  };

  const clientFor = (contents: WebContents): CoreClient => {
    const existing = clients.get(contents.id);
    if (existing) return existing;
    watch(contents);
    const client = core.connect((event) => {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event);
    });
    clients.set(contents.id, client);
    return client;
  };

  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isOurWindow(event.sender) && isAppUrl(frame.url, app);
  };

  ipcMain.handle(IPC_CALL_CHANNEL, (event, channel: unknown, payload: unknown) => {
    if (!isTrusted(event)) return FORBIDDEN;
    return clientFor(event.sender).callUntrusted(channel, payload);
  });

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    for (const id of [...clients.keys()]) drop(id);
  };
}

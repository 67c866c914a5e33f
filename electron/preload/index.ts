import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type SpoolBridge } from '../../shared/api/bridge';
import type { ApiEventMessage } from '../../shared/api/events';
import type { ApiResult } from '../../shared/api/result';

/**
 * The whole preload: one generic forwarder. It hands the page `window.spool`
 * and nothing else — never ipcRenderer itself — and main checks every call.
 * Kept dependency-free so it runs in the sandbox (no Node, CommonJS output).
 */
const bridge: SpoolBridge = {
  call: (channel, payload) =>
    (ipcRenderer.invoke(IPC_CALL_CHANNEL, channel, payload) as Promise<ApiResult<unknown>>).catch(
      (err: unknown): ApiResult<unknown> => ({
        ok: false,
        error: { code: 'UNAVAILABLE', message: `Spool's main process did not answer: ${String(err)}` },
      }),
    ),
  on: (listener) => {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('spool', bridge);

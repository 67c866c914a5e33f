import type { SpoolBridge } from '../../../shared/api/bridge';
import type { ApiResult } from '../../../shared/api/result';
import type { ApiTransport, ConnectionStatus } from './transport';

/**
 * The desktop transport: the preload's `window.spool`. IPC to main cannot drop while
 * the window lives, so the status is always `open`.
 */
export function bridgeTransport(bridge: SpoolBridge): ApiTransport {
  let status: ConnectionStatus = 'open';
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  return {
    get status() {
      return status;
    },
    async call(channel, payload): Promise<ApiResult<unknown>> {
      try {
        return await bridge.call(channel, payload);
      } catch (err) {
        return { ok: false, error: { code: 'INTERNAL', message: `IPC failed: ${String(err)}` } };
      }
    },
    onEvent: (listener) => bridge.on(listener),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      status = 'closed';
      for (const l of statusListeners) l(status);
    },
  };
}

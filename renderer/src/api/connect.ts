import { WEB_AUTH_CHECK_PATH, WEB_SOCKET_PATH, type SpoolBridge } from '../../../shared/api/bridge';
import { takeToken } from './browserToken';
import { bridgeTransport } from './bridgeTransport';
import { ApiClient } from './client';
import { socketTransport, type SocketLike } from './socketTransport';

/**
 * Picks the transport for where the page runs: the preload's `window.spool` under
 * Electron, otherwise the browser-mode host's WebSocket, authenticated with the token
 * the host put in the page's URL (kept by the page itself: browserToken.ts).
 */
export function connectApi(): { client: ApiClient; token: string | null } {
  const bridge = (window as { spool?: SpoolBridge }).spool;
  if (bridge) return { client: new ApiClient(bridgeTransport(bridge)), token: null };
  const token = takeToken({ location: window.location, history: window.history, storage: sessionStorage });
  const client = new ApiClient(
    socketTransport({
      url: browserModeSocketUrl(window.location, token),
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      checkAccess: () => checkAccess(token),
    }),
  );
  return { client, token };
}

export function browserModeSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WEB_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}

/** Whether the host takes this token: a refusal is final, a host that is away is not. */
async function checkAccess(token: string): Promise<'ok' | 'refused' | 'unreachable'> {
  try {
    const res = await fetch(WEB_AUTH_CHECK_PATH, { headers: { Authorization: `Bearer ${token}` } });
    return res.status === 401 ? 'refused' : 'ok';
  } catch {
    return 'unreachable';
  }
}

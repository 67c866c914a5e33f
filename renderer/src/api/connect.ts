import { WEB_SOCKET_PATH, type SpoolBridge } from '../../../shared/api/bridge';
import { bridgeTransport } from './bridgeTransport';
import { ApiClient } from './client';
import { socketTransport, type SocketLike } from './socketTransport';

/**
 * Picks the transport for where the page runs: the preload's `window.spool` under
 * Electron, otherwise the browser-mode host's WebSocket, authenticated with the
 * token the host put in the page's URL.
 */
export function connectApi(): ApiClient {
  const bridge = (window as { spool?: SpoolBridge }).spool;
  if (bridge) return new ApiClient(bridgeTransport(bridge));
  return new ApiClient(
    socketTransport({
      url: browserModeSocketUrl(window.location),
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    }),
  );
}

export function browserModeSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WEB_SOCKET_PATH}?token=${encodeURIComponent(token)}`;
}

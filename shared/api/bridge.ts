import type { ApiEventMessage, ApiEventName, ApiEvents } from './events';
import type { ApiResult } from './result';

/**
 * The one object the renderer talks to. The desktop preload exposes it as
 * `window.spool`; in browser mode the renderer builds the same shape over a
 * WebSocket. The renderer never learns which one it got.
 */
export interface SpoolBridge {
  call(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  /** Subscribes to every event pushed to this window; returns the unsubscribe. */
  on(listener: (event: ApiEventMessage) => void): () => void;
}

/** IPC channel names shared by preload and main. */
export const IPC_CALL_CHANNEL = 'spool:call';
export const IPC_EVENT_CHANNEL = 'spool:event';

/** Browser mode's WebSocket path and its JSON text frames. */
export const WEB_SOCKET_PATH = '/api';
/** POST `{ path }` with `Authorization: Bearer <token>` → `{ ticket }`: one download of that path. */
export const WEB_TICKET_PATH = '/auth/ticket';
/** GET with `Authorization: Bearer <token>` → 204, or 401 when the page's token is not (or no longer) valid. */
export const WEB_AUTH_CHECK_PATH = '/auth/check';

export type WireId = string | number;

/** Client → host. */
export interface WireCall {
  type: 'call';
  id: WireId;
  channel: string;
  payload?: unknown;
}

/** Host → client: the answer to one call (`id` is null when the frame was unreadable). */
export interface WireReply {
  type: 'reply';
  id: WireId | null;
  result: ApiResult<unknown>;
}

/** Host → client: a pushed event, discriminated by name like ApiEventMessage. */
export type WireEvent = {
  [E in ApiEventName]: { type: 'event'; name: E; payload: ApiEvents[E] };
}[ApiEventName];

export type WireServerMessage = WireReply | WireEvent;

/** Close code the host uses when a client reads too slowly; reconnect and resubscribe by seq. */
export const WS_CLOSE_TOO_SLOW = 4008;

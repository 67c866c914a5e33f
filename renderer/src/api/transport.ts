import type { ApiEventMessage } from '../../../shared/api/events';
import type { ApiResult } from '../../../shared/api/result';

/**
 * - `connecting`: the first connection is being made; calls wait for it.
 * - `open`: calls go through.
 * - `reconnecting`: the connection dropped (host restarted); calls fail fast with UNAVAILABLE.
 * - `closed`: the client was closed on purpose.
 * - `unauthorized`: the host refuses this page's token (it was started afresh with another);
 *   retrying cannot help, the page must be opened again from the URL the host printed.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'unauthorized';

/** How the API client reaches main: Electron IPC or the browser-mode WebSocket. */
export interface ApiTransport {
  readonly status: ConnectionStatus;
  /** Never rejects: transport failures come back as `{ ok: false }` too. */
  call(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: ApiEventMessage) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

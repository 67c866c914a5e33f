import type { ApiChannel, ApiReply, ApiRequest } from '../../../shared/api/contract';
import type { ApiEventName, ApiEvents } from '../../../shared/api/events';
import { ApiCallError } from './errors';
import type { ApiTransport, ConnectionStatus } from './transport';

export { ApiCallError } from './errors';
export type { ConnectionStatus } from './transport';

/**
 * The renderer's one door to main. Stores call it; components never do. It does not
 * know whether Electron IPC or the browser-mode WebSocket is behind it.
 */
export class ApiClient {
  constructor(private readonly transport: ApiTransport) {}

  /** Resolves with the reply, or throws an ApiCallError carrying the typed error code. */
  async call<C extends ApiChannel>(channel: C, request: ApiRequest<C>): Promise<ApiReply<C>> {
    const result = await this.transport.call(channel, request);
    if (!result.ok) throw new ApiCallError(channel, result.error);
    return result.data as ApiReply<C>;
  }

  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends ApiEventName>(name: E, handler: (payload: ApiEvents[E]) => void): () => void {
    return this.transport.onEvent((event) => {
      if (event.name === name) handler(event.payload as ApiEvents[E]);
    });
  }

  get connection(): ConnectionStatus {
    return this.transport.status;
  }

  onConnection(listener: (status: ConnectionStatus) => void): () => void {
    return this.transport.onStatus(listener);
  }

  close(): void {
    this.transport.close();
  }
}

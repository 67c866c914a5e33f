import type { ApiChannel, ApiReply, ApiRequest } from '../../../shared/api/contract';
import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../../shared/api/events';
import type { ContractCheck } from '../../../shared/api/contractCheck';
import type { ApiResult } from '../../../shared/api/result';
import type { IdGenerator } from '../deps';
import { dispatch } from './dispatch';
import type { ApiContext, ApiHandlers, ClientOptions } from './types';

/** A connected client: one window, one socket, one CLI run. */
export interface CoreClient {
  readonly clientId: string;
  /**
   * In-process callers (the CLI, the desktop main process, bench, scripts): the request and
   * the reply are typed by the channel's schemas, so nobody casts `data`. The request is
   * still parsed at runtime, as every call is.
   */
  call<C extends ApiChannel>(channel: C, request: ApiRequest<C>): Promise<ApiResult<ApiReply<C>>>;
  /** Transports (IPC, WebSocket): the channel and payload came off the wire and are parsed first. */
  callUntrusted(channel: unknown, payload: unknown): Promise<ApiResult<unknown>>;
  dispose(): void;
}

interface ApiClientsOptions {
  handlers: () => ApiHandlers;
  newId: IdGenerator;
  /** Once true, every call answers UNAVAILABLE (the core is shutting down). */
  isClosed: () => boolean;
  /** A client went away: what it showed should be written now, not after the debounce. */
  onDisconnect: () => void;
  onInternalError: (err: unknown, where: string) => void;
  /** Test runs: every reply and event checked against its schema (`ContractCheck`). */
  contractCheck?: ContractCheck;
}

/**
 * The core's connected clients: each gets its own context (id, event sink, disposers),
 * its calls are parsed and dispatched to the handler map, and events go to all of them.
 */
export class ApiClients {
  private readonly clients = new Map<string, { ctx: ApiContext; disposers: (() => void)[] }>();

  constructor(private readonly options: ApiClientsOptions) {}

  connect(send: (event: ApiEventMessage) => void, options: ClientOptions = {}): CoreClient {
    const check = this.options.contractCheck;
    if (check) {
      const deliver = send;
      send = (event) => {
        check.event(event);
        deliver(event);
      };
    }
    const clientId = this.options.newId();
    const disposers: (() => void)[] = [];
    const ctx: ApiContext = {
      clientId,
      emit: (name, payload) => send({ name, payload } as ApiEventMessage),
      onDispose: (fn) => disposers.push(fn),
      ...(options.exportDestination ? { exportDestination: options.exportDestination } : {}),
    };
    this.clients.set(clientId, { ctx, disposers });
    const answer = async (channel: unknown, payload: unknown): Promise<ApiResult<unknown>> => {
      if (this.options.isClosed())
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'Spool is shutting down.' } };
      return dispatch(this.options.handlers(), channel, payload, ctx, {
        onInternalError: this.options.onInternalError,
      });
    };
    const callUntrusted = check
      ? async (channel: unknown, payload: unknown) => {
          const result = await answer(channel, payload);
          check.reply(channel, result);
          return result;
        }
      : answer;
    return {
      clientId,
      // The handler map's type ties each channel's handler to its reply schema (ApiHandlers),
      // so what dispatch answers for `channel` is ApiReply<C>.
      call: (channel, request) =>
        callUntrusted(channel, request) as Promise<ApiResult<ApiReply<typeof channel>>>,
      callUntrusted,
      dispose: () => this.disconnect(clientId),
    };
  }

  get size(): number {
    return this.clients.size;
  }

  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void {
    for (const { ctx } of this.clients.values()) ctx.emit(name, payload);
  }

  disconnectAll(): void {
    for (const id of [...this.clients.keys()]) this.disconnect(id);
  }

  private disconnect(clientId: string): void {
    const client = this.clients.get(clientId);
    if (!client) return;
    this.clients.delete(clientId);
    for (const fn of client.disposers) fn();
    if (!this.options.isClosed()) this.options.onDisconnect();
  }
}

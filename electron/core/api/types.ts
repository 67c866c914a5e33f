import type { ApiChannel, ApiParsedRequest, ApiReply } from '../../../shared/api/contract';
import type { ApiEventName, ApiEvents } from '../../../shared/api/events';

export type EventSink = <E extends ApiEventName>(name: E, payload: ApiEvents[E]) => void;

/** Who is calling: one window, one browser tab's socket, one CLI run. */
export interface ApiContext {
  readonly clientId: string;
  /** Sends an event to this client only. */
  readonly emit: EventSink;
  /** Runs when the client goes away (window closed, socket dropped). */
  onDispose(fn: () => void): void;
}

/** One handler per channel; the compiler refuses a map with one missing. */
export type ApiHandlers = {
  [C in ApiChannel]: (request: ApiParsedRequest<C>, ctx: ApiContext) => ApiReply<C> | Promise<ApiReply<C>>;
};

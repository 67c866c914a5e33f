import type { ApiChannel, ApiParsedRequest, ApiReply } from '../../../shared/api/contract';
import type { ApiEventName, ApiEvents } from '../../../shared/api/events';
import type { ExportDescription } from '../../../shared/api/schemas/export';
import type { Writable } from 'node:stream';

export type EventSink = <E extends ApiEventName>(name: E, payload: ApiEvents[E]) => void;

/** Who is calling: one window, one browser tab's socket, one CLI run. */
export interface ApiContext {
  readonly clientId: string;
  /** Sends an event to this client only. */
  readonly emit: EventSink;
  /** Runs when the client goes away (window closed, socket dropped). */
  onDispose(fn: () => void): void;
  /** This client's own export destination, when it connected with one (ClientOptions). */
  readonly exportDestination?: ClientExportDestination;
}

/**
 * Where an in-process client's `export.save` goes instead of the OS dialog: a file (or
 * folder) path, or a Writable the export streams into (the CLI's stdout); null = cancel.
 * A function, so no transport can pass one: windows and sockets never choose a path.
 */
export type ClientExportDestination = (suggestion: ExportDescription) => Promise<string | Writable | null>;

/** What an in-process client may bring when it connects. */
export interface ClientOptions {
  exportDestination?: ClientExportDestination;
}

/** One handler per channel; the compiler refuses a map with one missing. */
export type ApiHandlers = {
  [C in ApiChannel]: (request: ApiParsedRequest<C>, ctx: ApiContext) => ApiReply<C> | Promise<ApiReply<C>>;
};

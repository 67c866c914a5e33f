import type { LiveEvent } from '../../../../shared/api/events';
import type { ChunkItem } from '../../../../shared/chunks';
import type { RecoveredItems, RecoveryReport, StreamStatus } from '../../../../shared/api/schemas/streams';
import { ApiFailure } from '../../../../shared/api/result';
import type { IdGenerator } from '../../deps';
import type { StreamEngine } from '../../stream/StreamEngine';
import type { ApiContext, ApiHandlers } from '../types';

type StreamChannels =
  'streams.subscribe' | 'streams.unsubscribe' | 'streams.status' | 'recovery.report' | 'recovery.items';

export interface StreamHandlerDeps {
  engine: StreamEngine;
  newId: IdGenerator;
  /** The last recovery run of this process (§3.7). */
  recoveryReport(): RecoveryReport;
  /** What that run finalised and rebuilt, by id. */
  recoveredItems(report: RecoveryReport): RecoveredItems;
  /** A stream's row; null for an unknown id. */
  streamStatus(streamId: string): StreamStatus | null;
  /** A subscription's replay from the log finished: chunks delivered and ms it took (local counters). */
  replayServed?(chunks: number, ms: number): void;
}

/** One client's subscriptions; their batches of one turn leave as ONE `stream.chunks` event. */
class ClientStreams {
  readonly byId = new Map<string, { streamId: string; stop: () => void }>();
  readonly byStream = new Map<string, string>();
  private outbox: ChunkItem[] | null = null;
  /** Per stream, the first not-durable seq in the outbox; null while all of it is durable. */
  private undurableFrom: Record<string, number> | null = null;

  constructor(private readonly ctx: ApiContext) {}

  send(items: ChunkItem[], durable: boolean): void {
    this.noteDurability(items, durable);
    if (this.outbox) {
      for (const item of items) this.outbox.push(item);
      return;
    }
    this.outbox = items.slice();
    queueMicrotask(() => {
      const out = this.outbox;
      const undurableFrom = this.undurableFrom;
      this.outbox = null;
      this.undurableFrom = null;
      if (!out || !out.length) return;
      // Windows see the same payload as ever unless storage is failing.
      this.ctx.emit('stream.chunks', undurableFrom ? { items: out, undurableFrom } : { items: out });
    });
  }

  /** The log commits in seq order: a durable batch makes everything before it in its stream durable. */
  private noteDurability(items: ChunkItem[], durable: boolean): void {
    if (items.length === 0) return;
    const streamId = items[0]!.streamId;
    if (durable) {
      if (this.undurableFrom && streamId in this.undurableFrom) {
        delete this.undurableFrom[streamId];
        if (Object.keys(this.undurableFrom).length === 0) this.undurableFrom = null;
      }
      return;
    }
    this.undurableFrom ??= {};
    if (!(streamId in this.undurableFrom)) this.undurableFrom[streamId] = items[0]!.seq;
  }

  remove(subscriptionId: string): boolean {
    const sub = this.byId.get(subscriptionId);
    if (!sub) return false;
    sub.stop();
    this.byId.delete(subscriptionId);
    if (this.byStream.get(sub.streamId) === subscriptionId) this.byStream.delete(sub.streamId);
    return true;
  }

  disposeAll(): void {
    for (const id of [...this.byId.keys()]) this.remove(id);
  }
}

export function streamHandlers(deps: StreamHandlerDeps): Pick<ApiHandlers, StreamChannels> {
  const clients = new Map<string, ClientStreams>();
  const clientOf = (ctx: ApiContext): ClientStreams => {
    let client = clients.get(ctx.clientId);
    if (!client) {
      const created = new ClientStreams(ctx);
      clients.set(ctx.clientId, created);
      ctx.onDispose(() => {
        created.disposeAll();
        clients.delete(ctx.clientId);
      });
      client = created;
    }
    return client;
  };

  return {
    'streams.subscribe': ({ streamId, afterSeq }, ctx) => {
      const client = clientOf(ctx);
      // A window re-subscribing (after a gap, or a reload) replaces its old subscription.
      const previous = client.byStream.get(streamId);
      if (previous) client.remove(previous);
      const subscriptionId = deps.newId();
      const subscribedAt = performance.now();
      const stop = deps.engine.subscribe(
        streamId,
        afterSeq,
        (items, info) => client.send(items, info.durable),
        {
          includeRaw: false,
          // Live-only events (retry notices, meters) reach the window but never the log (§4).
          onLive: (event) => ctx.emit('stream.live', { streamId, event: event as LiveEvent }),
          onCaughtUp: (replayed) => deps.replayServed?.(replayed, performance.now() - subscribedAt),
        },
      );
      client.byId.set(subscriptionId, { streamId, stop });
      client.byStream.set(streamId, subscriptionId);
      return { subscriptionId };
    },
    'streams.unsubscribe': ({ subscriptionId }, ctx) => {
      // Idempotent: unsubscribing twice (or after the window reloaded) is not an error.
      clients.get(ctx.clientId)?.remove(subscriptionId);
      return { subscriptionId };
    },
    'streams.status': ({ streamId }) => {
      const status = deps.streamStatus(streamId);
      if (!status) throw new ApiFailure('NOT_FOUND', `No stream with id ${streamId}.`);
      return status;
    },
    'recovery.report': () => deps.recoveryReport(),
    'recovery.items': () => deps.recoveredItems(deps.recoveryReport()),
  };
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiReply, ApiRequest } from '../../../shared/api/contract';
import type { ApiEvents } from '../../../shared/api/events';
import type { ChunkItem } from '../../../shared/chunks';
import { applyChunks, emptySnapshot, type MessageSnapshot } from '../../../shared/reduce';
import { defaultScheduler, type FlushScheduler } from './frameScheduler';

/**
 * The renderer's live view of streaming replies (DESIGN.md §3.5). Main pushes
 * `stream.chunks` batches; this store folds them through the shared reducer,
 * idempotently by seq, and asks for a replay when it sees a gap. No React here: the
 * hook lives in hooks.ts.
 *
 * Batches that arrive between two frames are buffered and applied together in one
 * store update per frame (see frameScheduler.ts): at 1 000 chunks/s main sends far
 * more batches than a screen can show, and a replay of thousands of chunks in many
 * pages lands as one update instead of a render storm.
 */

type StreamChannel = 'streams.subscribe' | 'streams.unsubscribe';

/** The little of the API client this store needs (ApiClient satisfies it). */
export interface StreamApi {
  call<C extends StreamChannel>(channel: C, request: ApiRequest<C>): Promise<ApiReply<C>>;
  on(name: 'stream.chunks', handler: (payload: ApiEvents['stream.chunks']) => void): () => void;
}

export interface TrackedStream {
  streamId: string;
  messageId: string;
  /** Last seq folded into `snapshot`; -1 when none. */
  lastSeq: number;
  snapshot: MessageSnapshot;
}

export interface StreamStoreState {
  streams: Readonly<Record<string, TrackedStream>>;
  /** messageId → streamId, so a message view finds its stream in O(1). */
  byMessage: Readonly<Record<string, string>>;
}

export interface StreamStore {
  readonly store: StoreApi<StreamStoreState>;
  /**
   * Follows a stream: from scratch (`afterSeq` -1, the default), or on top of `base`,
   * the message's stored parts folded up to `afterSeq` (its snapshotSeq). Both end
   * in exactly the same text; without a `base` the store always starts from -1.
   * Resolves once main accepted the subscription.
   */
  track(streamId: string, messageId: string, afterSeq?: number, base?: MessageSnapshot): Promise<void>;
  untrack(streamId: string): Promise<void>;
  /** One `stream.chunks` batch, now: one store update at most, however many items. */
  applyBatch(items: readonly ChunkItem[]): void;
  /** Applies the batches buffered for the next frame at once (they are otherwise applied then). */
  flush(): void;
  snapshotOf(messageId: string): MessageSnapshot | undefined;
  dispose(): void;
}

export interface StreamStoreOptions {
  /** Where failures of background replay requests go; defaults to console.error. */
  onError?: (err: unknown, context: string) => void;
  /**
   * When buffered batches are applied: once per animation frame in a window (with a
   * timer while it is hidden), at once where there are no frames (Node).
   */
  schedule?: FlushScheduler;
}

/** Per-stream bookkeeping that is not UI state, so it never causes a render. */
interface Link {
  /** Bumped by each subscribe, so a stale reply cannot undo a newer one. */
  generation: number;
  subscriptionId: string | null;
  /**
   * A replay (or the first subscription) is on its way: items beyond `lastSeq + 1`
   * are dropped quietly until `lastSeq` reaches this seq, the one that revealed the
   * gap. On an ordered channel every leftover of the replaced subscription arrives
   * before the replay, so nothing past the gap is asked for twice.
   */
  awaitingSeq: number | null;
}

export function createStreamStore(api: StreamApi, options: StreamStoreOptions = {}): StreamStore {
  const onError = options.onError ?? ((err, context) => console.error(`[spool] ${context}:`, err));
  const store = createStore<StreamStoreState>()(() => ({ streams: {}, byMessage: {} }));
  const links = new Map<string, Link>();
  const schedule = options.schedule ?? defaultScheduler();
  /** `stream.chunks` batches waiting for the next frame, in arrival order. */
  let queued: (readonly ChunkItem[])[] = [];

  async function subscribe(streamId: string, afterSeq: number, awaitingSeq: number): Promise<void> {
    const link = links.get(streamId);
    if (!link) return;
    const generation = ++link.generation;
    link.awaitingSeq = awaitingSeq;
    try {
      // Main replaces this window's previous subscription to the stream.
      const { subscriptionId } = await api.call('streams.subscribe', { streamId, afterSeq });
      if (links.get(streamId) === link && link.generation === generation)
        link.subscriptionId = subscriptionId;
    } catch (err) {
      // Let the next gap ask again instead of waiting forever for this replay.
      if (link.generation === generation) link.awaitingSeq = null;
      throw err;
    }
  }

  function applyBatch(items: readonly ChunkItem[]): void {
    const before = store.getState().streams;
    let next: Record<string, TrackedStream> | null = null;
    const pending = new Map<string, { lastSeq: number; chunks: ChunkItem['chunk'][] }>();

    for (const item of items) {
      const stream = before[item.streamId];
      const link = links.get(item.streamId);
      if (!stream || !link) continue; // not ours: another view's stream, or untracked
      let run = pending.get(item.streamId);
      if (!run) pending.set(item.streamId, (run = { lastSeq: stream.lastSeq, chunks: [] }));
      if (item.seq <= run.lastSeq) continue; // a duplicate: already folded
      if (item.seq === run.lastSeq + 1) {
        run.chunks.push(item.chunk);
        run.lastSeq = item.seq;
        if (link.awaitingSeq !== null && run.lastSeq >= link.awaitingSeq) link.awaitingSeq = null;
        continue;
      }
      if (link.awaitingSeq === null) {
        subscribe(item.streamId, run.lastSeq, item.seq).catch((err) =>
          onError(err, 'Could not replay the missing part of a reply'),
        );
      }
    }

    for (const [streamId, run] of pending) {
      const stream = before[streamId] as TrackedStream;
      if (run.lastSeq === stream.lastSeq) continue;
      next ??= { ...before };
      next[streamId] = {
        ...stream,
        lastSeq: run.lastSeq,
        snapshot: applyChunks(stream.snapshot, run.chunks),
      };
    }
    if (next) store.setState({ streams: next });
  }

  function remove(streamId: string): void {
    const { streams, byMessage } = store.getState();
    const stream = streams[streamId];
    links.delete(streamId);
    if (!stream) return;
    const messages = byMessage[stream.messageId] === streamId ? omit(byMessage, stream.messageId) : byMessage;
    store.setState({ streams: omit(streams, streamId), byMessage: messages });
  }

  function unsubscribeQuietly(subscriptionId: string | null | undefined): void {
    if (!subscriptionId) return;
    api.call('streams.unsubscribe', { subscriptionId }).catch((err) => onError(err, 'Could not unsubscribe'));
  }

  function flush(): void {
    if (queued.length === 0) return;
    const batches = queued;
    queued = [];
    // Applying them together is the same as one by one: runs carry lastSeq across items.
    applyBatch(batches.length === 1 ? batches[0]! : batches.flat());
  }

  const offChunks = api.on('stream.chunks', ({ items }) => {
    queued.push(items);
    schedule(flush);
  });

  return {
    store,
    applyBatch,
    flush,
    track(streamId, messageId, afterSeq = -1, base) {
      const from = base ? afterSeq : -1;
      const { streams, byMessage } = store.getState();
      const previous = byMessage[messageId];
      const replaced = previous !== undefined && previous !== streamId;
      // A regenerated reply: the message moves to its new stream, the old one is let go.
      if (replaced) unsubscribeQuietly(links.get(previous)?.subscriptionId);
      if (replaced) links.delete(previous);
      const others = replaced ? omit(streams, previous) : streams;
      store.setState({
        streams: {
          ...others,
          [streamId]: { streamId, messageId, lastSeq: from, snapshot: base ?? emptySnapshot() },
        },
        byMessage: { ...byMessage, [messageId]: streamId },
      });
      const link = links.get(streamId) ?? { generation: 0, subscriptionId: null, awaitingSeq: null };
      links.set(streamId, link);
      return subscribe(streamId, from, from + 1);
    },
    async untrack(streamId) {
      const subscriptionId = links.get(streamId)?.subscriptionId;
      remove(streamId);
      if (subscriptionId) await api.call('streams.unsubscribe', { subscriptionId });
    },
    snapshotOf(messageId) {
      const { streams, byMessage } = store.getState();
      const streamId = byMessage[messageId];
      return streamId === undefined ? undefined : streams[streamId]?.snapshot;
    },
    dispose() {
      offChunks();
      queued = [];
      links.clear();
    },
  };
}

function omit<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

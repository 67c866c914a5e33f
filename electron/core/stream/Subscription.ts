import type { ChunkItem } from '../../../shared/chunks';
import type { BatchHandler } from './types';

export interface SubscriptionSource {
  /** Committed chunks with seq > afterSeq, at most `limit` (the log). */
  readItems(streamId: string, afterSeq: number, limit: number): ChunkItem[];
  /** Chunks delivered live but not durable yet, seq > afterSeq. */
  publishedTail(streamId: string, afterSeq: number): ChunkItem[];
}

export interface SubscribeOptions {
  /**
   * Windows never get raw provider events (§4). With false (the default) a raw chunk
   * arrives as a value-less `{ type: 'raw' }` placeholder, so seqs stay contiguous
   * and a gap still means a gap (§3.5).
   */
  includeRaw?: boolean;
  /** Chunks per replay page; one page per event-loop turn. */
  pageSize?: number;
  /** Live-only events (tokens/s…) of this stream, never logged. */
  onLive?: (event: unknown) => void;
  /** The replay reached the end of the log: `replayed` chunks were delivered from it (local counters). */
  onCaughtUp?: (replayed: number) => void;
}

const RAW_PLACEHOLDER: ChunkItem['chunk'] = Object.freeze({ type: 'raw' as const, value: undefined });

/**
 * One subscriber of one stream (§3.4): first replays the log page by page (one page
 * per turn, so a long log neither blocks the loop nor builds one giant array), then
 * takes live batches. While replaying, live batches are ignored: whatever committed
 * meanwhile is in the log and the next page reads it. The switch to live happens in
 * the same synchronous step as the read of the last page, so nothing commits in
 * between; `lastSeq` filters the rest. Hence no gap and no duplicate.
 */
export class Subscription {
  private lastSeq: number;
  private replaying = true;
  private closed = false;
  /** Chunks delivered from the log by the replay (local counters). */
  private replayed = 0;
  private readonly includeRaw: boolean;
  private readonly pageSize: number;

  constructor(
    readonly streamId: string,
    afterSeq: number,
    private readonly source: SubscriptionSource,
    private readonly onBatch: BatchHandler,
    private readonly options: SubscribeOptions,
    private readonly onError: (err: unknown) => void,
  ) {
    this.lastSeq = afterSeq;
    this.includeRaw = options.includeRaw ?? false;
    this.pageSize = Math.max(1, options.pageSize ?? 2000);
    setImmediate(this.replayStep);
  }

  close(): void {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Done replaying and open: live batches reach it. */
  get following(): boolean {
    return !this.replaying && !this.closed;
  }

  /** The last seq delivered. */
  get position(): number {
    return this.lastSeq;
  }

  /** A batch of this stream's chunks in seq order, just committed or live from memory. */
  live(items: ChunkItem[], durable: boolean): void {
    if (this.replaying || this.closed) return;
    this.deliver(items, durable, false);
  }

  liveEvent(event: unknown): void {
    if (!this.closed) this.options.onLive?.(event);
  }

  private readonly replayStep = (): void => {
    if (this.closed) return;
    try {
      const page = this.source.readItems(this.streamId, this.lastSeq, this.pageSize);
      if (page.length > 0) this.replayed += this.deliver(page, true, true);
      if (this.closed) return;
      if (page.length === this.pageSize) {
        setImmediate(this.replayStep);
        return;
      }
      // Caught up with the log; what was delivered live but is not durable comes next.
      const tail = this.source.publishedTail(this.streamId, this.lastSeq);
      if (tail.length > 0) this.deliver(tail, false, true);
      this.replaying = false;
      this.options.onCaughtUp?.(this.replayed);
    } catch (err) {
      this.closed = true;
      this.onError(err);
    }
  };

  /** Returns how many chunks it delivered. */
  private deliver(items: ChunkItem[], durable: boolean, replay: boolean): number {
    const after = this.lastSeq;
    let out: ChunkItem[] | null = null;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const skip = item.seq <= after;
      const stub = !this.includeRaw && item.chunk.type === 'raw';
      if (out === null && !skip && !stub) continue; // still identical to the input so far
      if (out === null) out = items.slice(0, i);
      if (skip) continue;
      out.push(stub ? { streamId: item.streamId, seq: item.seq, chunk: RAW_PLACEHOLDER } : item);
    }
    const batch = out ?? (items as ChunkItem[]);
    if (batch.length === 0) return 0;
    this.lastSeq = batch[batch.length - 1]!.seq;
    this.onBatch(batch, { durable, replay });
    return batch.length;
  }
}

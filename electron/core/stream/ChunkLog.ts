import type { Database } from 'better-sqlite3';
import type { Chunk, ChunkItem } from '../../../shared/chunks';
import { systemClock, type Clock } from '../deps';
import { sqliteCode } from '../db/errors';
import { chunkLogLimits, type ChunkLogLimits, type ChunkLogOptions } from './chunkLogOptions';
import { readChunks, readItems, streamKeyBase } from './chunkRows';
import { ChunkWriter, RoomGate, tellCommit } from './ChunkWriter';
import { CommitRetry, nextFault } from './commitRetry';
import { newLogStream, publishedTailOf, tailOf, type LogStream, type PendingRow } from './logMemory';
import { BusyTimeout, isStorageFailure } from './storageErrors';
import {
  defaultInternalError,
  type CommitBatch,
  type InternalErrorReporter,
  type LoggedChunk,
  type StorageFault,
  type StreamEnd,
} from './types';
import { pendingWithout, vanishedStreams } from './vanishedStreams';

/** Where the log reports what it made durable, or could not (the engine). */
export interface LogSink {
  committed(batch: CommitBatch): void;
  undurable(items: ChunkItem[], fault: StorageFault): void;
  faultChanged(fault: StorageFault | null): void;
}

/**
 * The chunk log (§3.1–3.3, 3.8–3.10): assigns seqs, gathers the chunks of one turn
 * (or one commit window) and writes them, across all streams, in ONE transaction
 * together with any stream ends; only then hands them to
 * the sink. When a commit fails the rows stay pending (the bounded in-memory tail),
 * are handed on as not durable, and the commit is retried with backoff until it
 * lands, with no gap. Producers are paused, never dropped, when the buffer is full.
 */
export class ChunkLog {
  private readonly clock: Clock;
  private readonly o: ChunkLogLimits;
  private readonly observer: ChunkLogOptions['observe'];
  private readonly reportInternal: InternalErrorReporter;
  private readonly streams = new Map<string, LogStream>();
  private pending: PendingRow[] = [];
  private pendingBytes = 0;
  /** Index in `pending` of the first row not yet handed on as undurable. */
  private undurableFrom = 0;
  private ends: StreamEnd[] = [];
  private scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  /** Whether `scheduled` is the next turn (not a window timer). */
  private scheduledSoon = false;
  /** performance.now() of the last commit attempt: the window counts from it. */
  private lastCommitAt = -Infinity;
  private readonly retry: CommitRetry;
  private readonly room = new RoomGate();
  private faultState: StorageFault | null = null;
  private closed = false;
  private readonly busy: BusyTimeout;
  private readonly writer: ChunkWriter;

  constructor(
    private readonly db: Database,
    private readonly sink: LogSink,
    options: ChunkLogOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.reportInternal = options.onInternalError ?? defaultInternalError;
    this.observer = options.observe;
    this.o = chunkLogLimits(options);
    this.busy = new BusyTimeout(db, this.o.commitBusyTimeoutMs);
    this.writer = new ChunkWriter(db, this.o.maxChunkBytes);
    this.retry = new CommitRetry(this.o.retryInitialMs, this.o.retryMaxMs, () => {
      this.cancelScheduled();
      this.commit();
    });
  }

  /** Registers a stream whose row already exists; its seqs start at 0. */
  open(streamId: string, messageId: string, startedAt: number): void {
    if (this.streams.has(streamId)) throw new Error(`stream ${streamId} is already open`);
    this.streams.set(
      streamId,
      newLogStream(streamId, messageId, startedAt, streamKeyBase(this.db, streamId)),
    );
  }

  /**
   * Queues a chunk (next seq of its stream) for the next commit. Returns nothing while
   * there is room; at a cap of the pending buffer it returns a promise that resolves
   * once there is room again: a producer awaits it (backpressure, §3.9).
   */
  append(streamId: string, chunk: Chunk): void | Promise<void> {
    const stream = this.streams.get(streamId);
    if (!stream || stream.ending) throw new Error(`stream ${streamId} is not open for appends`);
    if (this.closed) throw new Error('the chunk log is closed');
    const payload = JSON.stringify(chunk);
    const seq = stream.nextSeq++;
    this.pending.push({
      stream,
      item: { streamId, seq, chunk },
      tMs: this.clock.now() - stream.startedAt,
      payload,
    });
    this.pendingBytes += payload.length;
    if (this.pendingBytes >= this.o.commitBytes) this.scheduleSoon();
    else if (this.scheduled === null) this.schedule();
    if (this.pending.length >= this.o.maxPendingChunks || this.pendingBytes >= this.o.maxPendingBytes) {
      return this.room.wait();
    }
  }

  /** Ends a stream in the same commit as its last chunks (status, ended_at, error). */
  end(end: StreamEnd): void {
    const stream = this.streams.get(end.streamId);
    if (!stream || stream.ending) throw new Error(`stream ${end.streamId} is not open`);
    stream.ending = true;
    this.ends.push(end);
    // A stream's end does not wait out the window: it is the last thing its reader waits for.
    this.scheduleSoon();
  }

  isOpen(streamId: string): boolean {
    const s = this.streams.get(streamId);
    return s !== undefined && !s.ending;
  }

  has(streamId: string): boolean {
    return this.streams.has(streamId);
  }

  /** Committed chunks with seq > afterSeq (rejoined), at most `limit`. */
  read(streamId: string, afterSeq: number, limit: number): LoggedChunk[] {
    return readChunks(this.db, streamId, afterSeq, limit);
  }

  /** The same as wire items, for replay. */
  readItems(streamId: string, afterSeq: number, limit: number): ChunkItem[] {
    return readItems(this.db, streamId, afterSeq, limit);
  }

  /** The chunks not yet in the log (pending, or the tail kept while storage fails). */
  readTail(streamId: string): LoggedChunk[] {
    return tailOf(this.pending, streamId);
  }

  /** Not-durable chunks already delivered live, seq > afterSeq: what a new subscriber must also get. */
  publishedTail(streamId: string, afterSeq: number): ChunkItem[] {
    return publishedTailOf(this.pending, this.streams.get(streamId), afterSeq);
  }

  get fault(): StorageFault | null {
    return this.faultState;
  }

  get pendingChunks(): number {
    return this.pending.length;
  }

  get pendingByteCount(): number {
    return this.pendingBytes;
  }

  /** Commits everything pending now (quit, window close). true = nothing is left in memory. */
  flushNow(): boolean {
    this.cancelScheduled();
    return this.commit();
  }

  /** Stops timers; waiting producers are told the log is gone. Pending rows are not written. */
  close(): void {
    this.closed = true;
    this.cancelScheduled();
    this.retry.cancel();
    this.room.fail(new Error('the chunk log was closed'));
  }

  private schedule(): void {
    if (this.closed) return;
    const wait = this.lastCommitAt + this.o.commitWindowMs - performance.now();
    // While storage fails the retry timer commits; turns only hand new chunks on live.
    if (this.faultState || wait <= 1) this.scheduleSoon();
    else {
      this.scheduled = setTimeout(this.onTurn, wait);
      this.scheduledSoon = false;
    }
  }

  private scheduleSoon(): void {
    if (this.closed || (this.scheduled !== null && this.scheduledSoon)) return;
    this.cancelScheduled();
    this.scheduled = setImmediate(this.onTurn);
    this.scheduledSoon = true;
  }

  private cancelScheduled(): void {
    if (this.scheduled === null) return;
    // Each by its own kind: clearImmediate on a Timeout corrupts Node's immediate counts.
    if (this.scheduledSoon) clearImmediate(this.scheduled as NodeJS.Immediate);
    else clearTimeout(this.scheduled as NodeJS.Timeout);
    this.scheduled = null;
  }

  private readonly onTurn = (): void => {
    this.scheduled = null;
    if (this.faultState) this.handOnUndurable();
    else this.commit();
  };

  private commit(): boolean {
    if (this.pending.length === 0 && this.ends.length === 0) return true;
    const rows = this.pending;
    const ends = this.ends;
    this.lastCommitAt = performance.now();
    let ms = 0;
    try {
      this.busy.run(() => {
        const t0 = performance.now();
        this.writer.commit(rows, ends);
        ms = performance.now() - t0;
      });
    } catch (err) {
      this.commitFailed(err);
      return false;
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.undurableFrom = 0;
    this.ends = [];
    const items = new Array<ChunkItem>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      items[i] = r.item;
      r.stream.committedSeq = r.item.seq;
      if (r.item.seq > r.stream.publishedSeq) r.stream.publishedSeq = r.item.seq;
    }
    for (const e of ends) this.streams.delete(e.streamId);
    const recovered = this.faultState !== null;
    if (recovered) {
      this.faultState = null;
      this.retry.cancel();
      this.sink.faultChanged(null);
    }
    this.sink.committed({ items, ended: ends });
    this.room.open();
    tellCommit(this.observer, ms, rows, this.reportInternal);
    return true;
  }

  private commitFailed(err: unknown): void {
    if (sqliteCode(err)?.startsWith('SQLITE_CONSTRAINT') && this.dropVanishedStreams()) {
      this.schedule();
      return;
    }
    if (!isStorageFailure(err)) this.reportInternal(err, 'chunk log commit');
    const first = this.faultState === null;
    const fault = nextFault(this.faultState, err, this.clock);
    this.faultState = fault;
    if (first) this.sink.faultChanged(fault);
    this.handOnUndurable();
    this.retry.arm(fault.attempts);
  }

  /**
   * A stream whose row is gone (its conversation was deleted mid-reply) can never be
   * written: its pending chunks are dropped, as the user asked, so the others commit.
   */
  private dropVanishedStreams(): boolean {
    const vanished = vanishedStreams(this.db, this.streams.values());
    if (vanished.size === 0) return false;
    this.reportInternal(
      new Error(`streams deleted while streaming: ${[...vanished].join(', ')}`),
      'chunk log',
    );
    this.cancelScheduled();
    ({
      pending: this.pending,
      pendingBytes: this.pendingBytes,
      undurableFrom: this.undurableFrom,
      ends: this.ends,
    } = pendingWithout(this.pending, this.ends, vanished));
    for (const id of vanished) {
      const s = this.streams.get(id)!;
      s.ending = true;
      this.streams.delete(id);
    }
    return true;
  }

  /** While storage fails, new chunks still reach subscribers at once, marked not durable. */
  private handOnUndurable(): void {
    const fault = this.faultState;
    if (!fault || this.undurableFrom >= this.pending.length) return;
    const items: ChunkItem[] = [];
    for (let i = this.undurableFrom; i < this.pending.length; i++) {
      const r = this.pending[i]!;
      items.push(r.item);
      r.stream.publishedSeq = r.item.seq;
    }
    this.undurableFrom = this.pending.length;
    this.sink.undurable(items, fault);
  }
}

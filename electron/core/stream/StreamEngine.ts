import type { Database, Statement } from 'better-sqlite3';
import type { ChunkItem } from '../../../shared/chunks';
import { ApiFailure } from '../../../shared/api/result';
import { randomId, systemClock, type Clock, type IdGenerator } from '../deps';
import { ChunkLog, type LogSink } from './ChunkLog';
import type { ChunkLogOptions } from './chunkLogOptions';
import { StreamHandle, type EndRequest } from './StreamHandle';
import { Subscription, type SubscribeOptions } from './Subscription';
import {
  defaultInternalError,
  type BatchHandler,
  type CommitBatch,
  type InternalErrorReporter,
  type LoggedChunk,
  type StorageFault,
  type StreamListener,
} from './types';
import { Redactor } from '../redact';
import { messageQueries } from '../store/messageQueries';

export interface StreamEngineOptions extends ChunkLogOptions {
  db: Database;
  /** This process's instance id, written as `owner` on the streams it starts (§3.7). */
  owner: string;
  clock?: Clock;
  newId?: IdGenerator;
  onInternalError?: InternalErrorReporter;
}

export interface StartStreamInput {
  messageId: string;
  provider?: string | null;
  model?: string | null;
  /** Request metadata for export/debugging; secrets are stripped before it is stored. */
  request?: unknown;
  /** Use this id instead of a generated one (idempotent retries, tests). */
  streamId?: string;
}

/**
 * The stream engine (§3): starts streams, owns their chunk log, and fans committed
 * batches out to subscribers (replay-then-live, per stream) and listeners (every
 * stream; the debounced writer is one). Live-only events go around the log.
 */
export class StreamEngine {
  readonly log: ChunkLog;
  readonly owner: string;
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly newId: IdGenerator;
  private readonly reportInternal: InternalErrorReporter;
  private readonly handles = new Map<string, StreamHandle>();
  private readonly subs = new Map<string, Set<Subscription>>();
  private readonly listeners = new Set<StreamListener>();
  private readonly q: {
    insertStream: Statement<
      [string, string, string | null, string | null, number, string, number, string | null]
    >;
    liveOfMessage: Statement<[string], string>;
    streamExists: Statement<[string], number>;
  };

  constructor(options: StreamEngineOptions) {
    this.db = options.db;
    this.owner = options.owner;
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomId;
    this.reportInternal = options.onInternalError ?? defaultInternalError;
    const sink: LogSink = {
      committed: (batch) => this.onCommitted(batch),
      undurable: (items, fault) => this.onUndurable(items, fault),
      faultChanged: (fault) => this.notify((l) => l.storageChanged?.(fault), 'storageChanged'),
    };
    this.log = new ChunkLog(this.db, sink, { ...options, clock: this.clock });
    this.q = {
      insertStream: this.db.prepare(
        `INSERT INTO streams (id, message_id, status, provider, model, started_at, owner, heartbeat_at, request)
         VALUES (?, ?, 'streaming', ?, ?, ?, ?, ?, ?)`,
      ),
      liveOfMessage: this.db
        .prepare<[string], string>("SELECT id FROM streams WHERE message_id = ? AND status = 'streaming'")
        .pluck(),
      streamExists: this.db.prepare<[string], number>('SELECT 1 FROM streams WHERE id = ?').pluck(),
    };
  }

  /**
   * Starts a stream for a message (a new reply, or Continue on an existing one): the
   * streams row and the message's link to it are written at once, before any chunk.
   */
  start(input: StartStreamInput): StreamHandle {
    const streamId = input.streamId ?? this.newId();
    const startedAt = this.clock.now();
    const messages = messageQueries(this.db);
    this.db
      .transaction(() => {
        if (!messages.exists(input.messageId))
          throw new ApiFailure('NOT_FOUND', `No message with id ${input.messageId}.`);
        const live = this.q.liveOfMessage.get(input.messageId);
        if (live !== undefined) {
          throw new ApiFailure('CONFLICT', `Message ${input.messageId} is already streaming (${live}).`);
        }
        this.q.insertStream.run(
          streamId,
          input.messageId,
          input.provider ?? null,
          input.model ?? null,
          startedAt,
          this.owner,
          startedAt,
          input.request === undefined
            ? null
            : JSON.stringify(new Redactor().withoutSecretFields(input.request)),
        );
        // The message goes through its owner, inside this transaction.
        messages.linkStream(input.messageId, streamId, startedAt);
      })
      .immediate();
    this.log.open(streamId, input.messageId, startedAt);
    const handle = new StreamHandle(streamId, input.messageId, startedAt, this.log, (req) =>
      this.end(handle, req),
    );
    this.handles.set(streamId, handle);
    this.notify(
      (l) => l.streamStarted?.({ streamId, messageId: input.messageId, startedAt }),
      'streamStarted',
    );
    return handle;
  }

  /** The live (not yet ended) stream with this id, if this process owns it. */
  get(streamId: string): StreamHandle | undefined {
    return this.handles.get(streamId);
  }

  isLive(streamId: string): boolean {
    return this.handles.has(streamId);
  }

  liveStreams(): StreamHandle[] {
    return [...this.handles.values()];
  }

  /**
   * Replays committed chunks with seq > afterSeq, then delivers live batches (§3.4).
   * Throws NOT_FOUND for an unknown stream. Returns the unsubscribe function.
   */
  subscribe(
    streamId: string,
    afterSeq: number,
    onBatch: BatchHandler,
    options: SubscribeOptions = {},
  ): () => void {
    if (!this.log.has(streamId) && this.q.streamExists.get(streamId) === undefined) {
      throw new ApiFailure('NOT_FOUND', `No stream with id ${streamId}.`);
    }
    const sub = new Subscription(streamId, afterSeq, this.log, onBatch, options, (err) => {
      this.reportInternal(err, 'stream replay');
      this.removeSub(sub);
    });
    let set = this.subs.get(streamId);
    if (!set) this.subs.set(streamId, (set = new Set()));
    set.add(sub);
    return () => {
      sub.close();
      this.removeSub(sub);
    };
  }

  /**
   * Streams another process writes (the CLI, browser mode, sync) are committed by it,
   * not here: when the library changed, their subscribers here get whatever the log
   * now holds past each one's position. Committed before read, so still §3.3.
   */
  deliverForeignCommits(): void {
    for (const [streamId, set] of this.subs) {
      if (this.handles.has(streamId)) continue; // ours: delivered as they commit
      let after = Number.POSITIVE_INFINITY;
      for (const sub of set) if (sub.following) after = Math.min(after, sub.position);
      if (after === Number.POSITIVE_INFINITY) continue;
      for (let items = this.log.readItems(streamId, after, 2000); items.length > 0;) {
        this.deliverTo(streamId, items, true);
        if (items.length < 2000) break;
        after = items[items.length - 1]!.seq;
        items = this.log.readItems(streamId, after, 2000);
      }
    }
  }

  /** Every committed batch of every stream, and storage state changes. */
  addListener(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A live-only event (tokens/s, download progress): to subscribers and listeners, never to the log. */
  publishLive(streamId: string, event: unknown): void {
    for (const sub of this.subs.get(streamId) ?? []) this.guard(() => sub.liveEvent(event), 'live event');
    this.notify((l) => l.live?.(streamId, event), 'live');
  }

  read(streamId: string, afterSeq: number, limit: number): LoggedChunk[] {
    return this.log.read(streamId, afterSeq, limit);
  }

  /** Chunks not yet in the log (e.g. while storage fails), for export from memory. */
  readTail(streamId: string): LoggedChunk[] {
    return this.log.readTail(streamId);
  }

  get storageFault(): StorageFault | null {
    return this.log.fault;
  }

  /** Commits everything pending now. true = nothing left only in memory. */
  flush(): boolean {
    return this.log.flushNow();
  }

  /** Ends every stream this process still owns as 'interrupted' (quit). Returns how many. */
  interruptAll(): number {
    const live = this.liveStreams();
    for (const handle of live) handle.interrupt();
    return live.length;
  }

  close(): void {
    this.log.close();
    for (const set of this.subs.values()) for (const sub of set) sub.close();
    this.subs.clear();
    this.listeners.clear();
  }

  private end(handle: StreamHandle, req: EndRequest): void {
    this.handles.delete(handle.id);
    this.log.end({
      streamId: handle.id,
      messageId: handle.messageId,
      status: req.status,
      error: req.error,
      endedAt: this.clock.now(),
    });
  }

  private onCommitted(batch: CommitBatch): void {
    this.deliver(batch.items, true);
    this.notify((l) => l.committed?.(batch), 'committed');
  }

  private onUndurable(items: ChunkItem[], fault: StorageFault): void {
    this.deliver(items, false);
    this.notify((l) => l.undurable?.(items, fault), 'undurable');
  }

  /** Splits a batch per stream (items of one stream stay in seq order) for its subscribers. */
  private deliver(items: ChunkItem[], durable: boolean): void {
    if (this.subs.size === 0 || items.length === 0) return;
    const first = items[0]!.streamId;
    if (items[items.length - 1]!.streamId === first && items.every((i) => i.streamId === first)) {
      this.deliverTo(first, items, durable);
      return;
    }
    const groups = new Map<string, ChunkItem[]>();
    for (const item of items) {
      if (!this.subs.has(item.streamId)) continue;
      let group = groups.get(item.streamId);
      if (!group) groups.set(item.streamId, (group = []));
      group.push(item);
    }
    for (const [streamId, group] of groups) this.deliverTo(streamId, group, durable);
  }

  private deliverTo(streamId: string, items: ChunkItem[], durable: boolean): void {
    const set = this.subs.get(streamId);
    if (!set) return;
    for (const sub of set) this.guard(() => sub.live(items, durable), 'subscriber');
  }

  private removeSub(sub: Subscription): void {
    const set = this.subs.get(sub.streamId);
    if (!set) return;
    set.delete(sub);
    if (set.size === 0) this.subs.delete(sub.streamId);
  }

  private notify(fn: (l: StreamListener) => void, where: string): void {
    for (const l of this.listeners) this.guard(() => fn(l), `stream listener ${where}`);
  }

  /** A failing subscriber or listener must never break the commit path or other subscribers. */
  private guard(fn: () => void, where: string): void {
    try {
      fn();
    } catch (err) {
      this.reportInternal(err, where);
    }
  }
}

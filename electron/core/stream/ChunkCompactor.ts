import type { Database, Statement } from 'better-sqlite3';
import type { Clock } from '../deps';
import { compactStream } from './compactStream';
import { BusyTimeout, isStorageFailure } from './storageErrors';
import {
  tellObserver,
  type CommitBatch,
  type CoreObserver,
  type InternalErrorReporter,
  type StreamListener,
} from './types';

export interface ChunkCompactorOptions {
  db: Database;
  clock: Clock;
  /** Quiet time after the last commit before compacting (default 1 s): off the hot path. */
  idleMs?: number;
  /**
   * While replies stream back to back, compact anyway after this long (default 2 s): the
   * pages a compaction frees are reused by the rows that follow, so the sooner it runs
   * the less the file grows beyond what is in use.
   */
  maxWaitMs?: number;
  /** Streams per slice (default 1, a few ms each), each its own transaction; the next slice after `sliceGapMs`. */
  batch?: number;
  sliceGapMs?: number;
  /** false: only `compactAll()` compacts (mode 'test': tests read the chunk rows as their oracle). */
  enabled?: boolean;
  onInternalError: InternalErrorReporter;
  /** Benchmarks: each stream compacted and its transaction's time (types.ts, `CoreObserver`). */
  observe?: Pick<CoreObserver, 'onCompacted'>;
}

/**
 * Compacts finished streams' chunk logs at rest (§3.11), never on the commit path: a
 * listener that notes streams ending and, once the library has been quiet for
 * `idleMs` (or `maxWaitMs` after the first pending end), compacts one stream per
 * slice (a transaction, a few ms for a 150-token reply), so live streams' commits
 * interleave, until none is left. `start()` catches up on a backlog
 * (a library written before migration 015, or streams ended in a process that quit).
 */
export class ChunkCompactor implements StreamListener {
  private readonly idleMs: number;
  private readonly maxWaitMs: number;
  private readonly batch: number;
  private readonly sliceGapMs: number;
  private readonly candidates: Statement<[number], string>;
  /** Never wait on another process's write lock: this is idle work, a later slice retries. */
  private readonly busy: BusyTimeout;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest work not yet done became pending (clock ms), or null with none. */
  private pendingSince: number | null = null;
  private lastCommitAt = 0;
  private closed = false;

  constructor(private readonly options: ChunkCompactorOptions) {
    this.idleMs = options.idleMs ?? 1_000;
    this.maxWaitMs = options.maxWaitMs ?? 2_000;
    this.batch = options.batch ?? 1;
    this.sliceGapMs = options.sliceGapMs ?? 20;
    this.busy = new BusyTimeout(options.db, 0);
    this.candidates = options.db
      .prepare<[number], string>(
        `SELECT s.id FROM streams s
          WHERE s.status != 'streaming' AND NOT EXISTS (SELECT 1 FROM packed_streams p WHERE p.no = s.no)
          ORDER BY s.no LIMIT ?`,
      )
      .pluck();
  }

  /** Looks for finished streams not yet compacted once the library goes quiet. */
  start(): void {
    this.noteWork();
  }

  committed(batch: CommitBatch): void {
    this.lastCommitAt = this.options.clock.now();
    if (batch.ended.length > 0) this.noteWork();
    else if (this.pendingSince !== null) this.arm();
  }

  /** Compacts every finished stream now (tests; the app waits for a quiet spell). */
  compactAll(): number {
    let done = 0;
    for (;;) {
      const ids = this.candidates.all(this.batch);
      const failed = ids.filter((id) => this.compactOne(id) === 'failed').length;
      done += ids.length - failed;
      if (ids.length < this.batch || failed > 0) return done;
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private noteWork(): void {
    if (this.closed || this.options.enabled === false) return;
    this.pendingSince ??= this.options.clock.now();
    this.arm();
  }

  /** (Re)sets the timer: idleMs after the last commit, but no later than maxWaitMs after the work came. */
  private arm(): void {
    if (this.closed || this.pendingSince === null) return;
    if (this.timer) clearTimeout(this.timer);
    const now = this.options.clock.now();
    const quietAt = Math.max(this.lastCommitAt, now) + this.idleMs;
    const due = Math.min(quietAt, this.pendingSince + this.maxWaitMs);
    this.timer = setTimeout(() => this.slice(), Math.max(0, due - now));
    this.timer.unref?.();
  }

  private slice(): void {
    this.timer = null;
    if (this.closed) return;
    let ids: string[] = [];
    let failed = false;
    try {
      ids = this.candidates.all(this.batch);
      failed = ids.some((id) => this.compactOne(id) === 'failed');
    } catch (err) {
      this.options.onInternalError(err, 'ChunkCompactor.slice');
      failed = true;
    }
    // A failure waits for the next stream to end rather than spinning on it.
    if (ids.length < this.batch || failed) {
      this.pendingSince = null;
      return;
    }
    // More to do: the next slice shortly, so commits of live streams interleave.
    this.timer = setTimeout(() => this.slice(), this.sliceGapMs);
    this.timer.unref?.();
  }

  private compactOne(streamId: string): 'done' | 'failed' {
    let ms: number | null = null;
    try {
      const t0 = performance.now();
      const outcome = this.busy.run(() => compactStream(this.options.db, streamId, this.options.clock.now()));
      if (outcome.compacted) ms = performance.now() - t0;
    } catch (err) {
      // Busy (another process writing) or a failing disk: the rows stay, a later slice retries.
      if (!isStorageFailure(err)) this.options.onInternalError(err, 'ChunkCompactor.compactOne');
      return 'failed';
    }
    const onCompacted = this.options.observe?.onCompacted;
    if (onCompacted && ms !== null)
      tellObserver(
        () => onCompacted({ streamId, ms: ms! }),
        this.options.onInternalError,
        'observe.onCompacted',
      );
    return 'done';
  }
}

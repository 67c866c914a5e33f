/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the
 * commit that crosses 1000 pages, on the committing thread, with two fsyncs: at
 * 10 000 chunks/s that was the whole p99 of chunk latency. So the main connection
 * gets `wal_autocheckpoint = 0` and a worker thread with its own connection
 * checkpoints instead (see checkpointWorker.ts for when). Durability is
 * unchanged: a commit is a WAL append either way (§3.3); a checkpoint only copies
 * committed pages into the main file.
 *
 * If the worker cannot start (or dies), the same checks run on a main-thread timer,
 * which is still better than a checkpoint inside a commit, and one line is logged.
 *
 * `close()` stops the worker and waits (synchronously, bounded) until its connection
 * is closed, so the main connection's close that follows is the last one and can
 * checkpoint and delete the WAL.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { checkpointWorkerScript } from './checkpointWorkerEntry';
import { currentSqliteNativeBinding } from './nativeBinding';
import {
  STOP_REQUESTED,
  type CheckpointResult,
  type CheckpointWorkerData,
  type FromCheckpointWorker,
} from './checkpointProtocol';

export type { CheckpointResult } from './checkpointProtocol';

export interface WalCheckpointerOptions {
  /** Look for new commits this often. Default 500 ms. */
  intervalMs?: number;
  /** When nothing was committed for a tick, truncate a WAL file bigger than this. Default 4 MiB. */
  truncateAboveBytes?: number;
  /**
   * While commits go on, a passive checkpoint at most this often. Default 20 000 ms:
   * each pass copies every page changed since the last and fsyncs both files.
   */
  passEveryMs?: number;
  /**
   * The bound on the WAL while commits go on: past this a passive pass is followed by
   * a brief TRUNCATE (see checkpointWorker.ts). Default 16 MiB.
   */
  restartAboveBytes?: number;
  /** Where the worker loads better-sqlite3 from; defaults to the copy this process uses. */
  driverPath?: string;
  /** 'main-thread' skips the worker (the fallback, also for comparison in benchmarks). */
  mode?: 'worker' | 'main-thread';
  /**
   * Start the worker only after this long (default 0: at once). A short-lived process
   * (a `spool list`) closes before then: its close checkpoints the WAL anyway, so it
   * never pays for a thread it would not use.
   */
  deferWorkerMs?: number;
  /** One-line operational messages (the fallback, a failing checkpoint). */
  log?: (line: string) => void;
}

export type CheckpointerState = 'starting' | 'worker' | 'main-thread' | 'closed';

/** How long close() waits for the worker's connection before giving up on it. */
const CLOSE_WAIT_MS = 5_000;

export class WalCheckpointer {
  private stateNow: CheckpointerState = 'starting';
  private worker: Worker | null = null;
  private readonly shared = new Int32Array(new SharedArrayBuffer(4));
  private timer: NodeJS.Timeout | null = null;
  private deferred: NodeJS.Timeout | null = null;
  private readonly intervalMs: number;
  private readonly truncateAboveBytes: number;
  private readonly restartAboveBytes: number;
  private readonly passEveryMs: number;
  private fallback = { dirty: true, behind: false, lastPassAt: 0 };
  private readonly log: (line: string) => void;
  private checkpointCount = 0;
  private lastResult: CheckpointResult | null = null;
  private lastError = '';
  private seen = { version: -1, changes: -1 };

  private constructor(
    private readonly db: Database,
    private readonly options: WalCheckpointerOptions,
  ) {
    this.intervalMs = Math.max(1, options.intervalMs ?? 500);
    this.truncateAboveBytes = options.truncateAboveBytes ?? 4 * 1024 * 1024;
    this.restartAboveBytes = options.restartAboveBytes ?? 16 * 1024 * 1024;
    this.passEveryMs = options.passEveryMs ?? 20_000;
    this.log = options.log ?? ((line) => console.info(line));
  }

  /** Turns off the main connection's automatic checkpoints and starts checkpointing elsewhere. */
  static start(db: Database, options: WalCheckpointerOptions = {}): WalCheckpointer {
    const c = new WalCheckpointer(db, options);
    db.pragma('wal_autocheckpoint = 0');
    if (options.mode === 'main-thread' || db.memory) c.onMainThread(null);
    else if (options.deferWorkerMs) c.deferWorker(options.deferWorkerMs);
    else c.startWorker();
    return c;
  }

  get state(): CheckpointerState {
    return this.stateNow;
  }

  /** Checkpoints run so far, and the last one's outcome. */
  get checkpoints(): number {
    return this.checkpointCount;
  }

  get last(): CheckpointResult | null {
    return this.lastResult;
  }

  /** Asks for a check now instead of at the next tick (tests, after a large write). */
  nudge(): void {
    if (this.deferred) this.startDeferredNow();
    if (this.worker && this.stateNow !== 'closed') this.worker.postMessage('tick');
    else if (this.stateNow === 'main-thread') this.tick();
  }

  /**
   * Stops checkpointing and closes the worker's connection before returning, so the
   * caller can close the main connection last. Synchronous: blocks at most a few
   * seconds, only if the worker is in the middle of a checkpoint.
   */
  close(): void {
    if (this.stateNow === 'closed') return;
    this.stateNow = 'closed';
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.deferred) clearTimeout(this.deferred);
    this.deferred = null;
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    Atomics.compareExchange(this.shared, 0, 0, STOP_REQUESTED);
    worker.postMessage('close');
    const waited = Atomics.wait(this.shared, 0, STOP_REQUESTED, CLOSE_WAIT_MS);
    if (waited === 'timed-out') {
      this.log(
        '[spool] checkpoint worker did not close its connection in time; the WAL may stay until next launch',
      );
    }
    void worker.terminate();
  }

  private deferWorker(ms: number): void {
    this.deferred = setTimeout(() => this.startDeferredNow(), ms);
    // A process that is otherwise done does not wait for it.
    this.deferred.unref();
  }

  private startDeferredNow(): void {
    if (this.deferred) clearTimeout(this.deferred);
    this.deferred = null;
    if (this.stateNow === 'starting') this.startWorker();
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      const { script, eval: isEval } = checkpointWorkerScript();
      const workerData: CheckpointWorkerData = {
        driverPath: this.options.driverPath ?? createRequire(import.meta.url).resolve('better-sqlite3'),
        // Inside Electron, the same Electron build of the addon as the main connection.
        nativeBinding: currentSqliteNativeBinding(),
        file: this.db.name,
        intervalMs: this.intervalMs,
        passEveryMs: this.passEveryMs,
        truncateAboveBytes: this.truncateAboveBytes,
        restartAboveBytes: this.restartAboveBytes,
        state: this.shared.buffer as SharedArrayBuffer,
      };
      // Plain Node in the worker: no tsx/vitest loaders, it runs no TypeScript.
      worker = new Worker(script, { eval: isEval, execArgv: [], workerData });
    } catch (err) {
      this.onMainThread(err);
      return;
    }
    this.worker = worker;
    worker.on('message', (msg: FromCheckpointWorker) => this.onWorkerMessage(msg));
    worker.on('error', (err) => this.onWorkerGone(err));
    worker.on('exit', (code) => this.onWorkerGone(new Error(`checkpoint worker exited (code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker's port again.
    worker.unref();
  }

  private onWorkerMessage(msg: FromCheckpointWorker): void {
    if (msg.kind === 'ready') {
      if (this.stateNow === 'starting') this.stateNow = 'worker';
    } else if (msg.kind === 'checkpoint') {
      const { kind: _kind, ...result } = msg;
      this.recordResult(result);
    } else {
      this.reportError(msg.message);
    }
  }

  private onWorkerGone(err: unknown): void {
    if (this.stateNow === 'closed' || this.worker === null) return;
    this.worker = null;
    this.onMainThread(err);
  }

  private onMainThread(reason: unknown): void {
    if (this.stateNow === 'closed') return;
    if (reason !== null) {
      const why = reason instanceof Error ? reason.message : String(reason);
      this.log(`[spool] WAL checkpoints run on the main thread: the checkpoint worker failed (${why})`);
    }
    this.stateNow = 'main-thread';
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** The fallback: the worker's checks, on this connection. */
  private tick(): void {
    if (this.stateNow !== 'main-thread' || !this.db.open) return;
    try {
      // data_version sees other connections' commits, total_changes() this one's.
      const version = this.db.pragma('data_version', { simple: true }) as number;
      const changes = this.db.prepare('SELECT total_changes()').pluck().get() as number;
      const changed = version !== this.seen.version || changes !== this.seen.changes;
      this.seen = { version, changes };
      // The worker's policy (checkpointWorkerSource.ts), on this connection: here the
      // writer is this connection, so a TRUNCATE never waits for it.
      const f = this.fallback;
      if (changed) f.dirty = true;
      const now = Date.now();
      const wal = () => (this.db.memory ? 0 : walBytes(this.db.name));
      if (!f.dirty) {
        if (wal() > this.truncateAboveBytes) this.truncateNow();
      } else if (
        !changed ||
        f.behind ||
        now - f.lastPassAt >= this.passEveryMs ||
        wal() > this.restartAboveBytes
      ) {
        f.lastPassAt = now;
        const row = this.checkpoint('PASSIVE');
        f.behind = row.checkpointed < row.log;
        if (!f.behind) f.dirty = false;
        if (wal() > this.restartAboveBytes) this.truncateNow();
      }
      this.lastError = '';
    } catch (err) {
      this.reportError(err instanceof Error ? err.message : String(err));
    }
  }

  private truncateNow(): void {
    // Another process reading or writing: give way now, try again next tick.
    const busyMs = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      this.checkpoint('TRUNCATE');
    } finally {
      this.db.pragma(`busy_timeout = ${busyMs}`);
    }
  }

  private checkpoint(mode: CheckpointResult['mode']): CheckpointResult {
    const started = performance.now();
    const row = (
      this.db.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[]
    )[0]!;
    const result = { mode, ...row, ms: performance.now() - started };
    this.recordResult(result);
    return result;
  }

  private recordResult(result: CheckpointResult): void {
    this.checkpointCount++;
    this.lastResult = result;
  }

  private reportError(message: string): void {
    // A failing checkpoint loses nothing (the WAL keeps every commit); say so once.
    if (message !== this.lastError) this.log(`[spool] WAL checkpoint failed: ${message}`);
    this.lastError = message;
  }
}

function walBytes(file: string): number {
  try {
    return fs.statSync(`${file}-wal`).size;
  } catch {
    return 0;
  }
}

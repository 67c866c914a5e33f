/**
 * Worker entry of the WAL checkpointer (WalCheckpointer.ts). It loads better-sqlite3 by
 * the path the main thread resolved, opens its OWN connection (busy_timeout 0), and
 * every `intervalMs` looks at `PRAGMA data_version` (it changes only for other
 * connections' commits) and runs `wal_checkpoint(PASSIVE)`, which never takes the
 * write lock, when:
 *
 * - the library went quiet (no commit since the last look) with frames still to copy;
 * - the last pass left frames behind (commits landed during it): a short catch-up;
 * - commits go on and `passEveryMs` passed since the last pass. Not every tick: each
 *   pass copies every page changed since the previous one and fsyncs both files, so
 *   the pages a reply keeps rewriting (the log's last leaf, the header) would be
 *   written again and again (issue 15).
 *
 * The WAL starts over from its beginning (and `journal_size_limit` cuts the file back)
 * when a writer begins a transaction once every frame has been copied: after a quiet
 * spell, or after a catch-up pass short enough to fall between two commits. A writer
 * that never pauses could still outrun it, so past `restartAboveBytes` the passive
 * pass is followed by `wal_checkpoint(TRUNCATE)`, which holds the write lock only
 * while it copies the few frames committed since that pass (the main thread's next
 * commit waits that long, within its busy timeout). It waits at most 100 ms for a gap
 * between two commits, then gives way; the next tick tries again. When nothing is left
 * to copy and the WAL file is over `truncateAboveBytes`, TRUNCATE shrinks it.
 *
 * One thread, one loop: never more than one checkpoint in flight. The shared state
 * word says RUNNING, STOP_REQUESTED or CLOSED (the main thread waits for CLOSED before
 * closing its own connection, so that close can remove the WAL).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import {
  CLOSED,
  RUNNING,
  type CheckpointResult,
  type CheckpointWorkerData,
  type FromCheckpointWorker,
  type ToCheckpointWorker,
} from './checkpointProtocol';

const port = parentPort!;
const data = workerData as CheckpointWorkerData;
const flag = new Int32Array(data.state);
const post = (msg: FromCheckpointWorker) => port.postMessage(msg);

function closed(db: BetterSqlite3.Database | null): void {
  try {
    db?.close();
  } catch {
    // Closing anyway.
  }
  Atomics.store(flag, 0, CLOSED);
  Atomics.notify(flag, 0);
  port.close();
}

function open(): BetterSqlite3.Database {
  try {
    // An absolute path: resolved from itself, so the worker needs no URL of its own.
    const Driver = createRequire(data.driverPath)(data.driverPath) as typeof BetterSqlite3;
    return new Driver(data.file, {
      fileMustExist: true,
      timeout: 0,
      ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    });
  } catch (err) {
    // No connection to wait for: release a close() already waiting, then fail (the
    // main thread takes over on the worker's 'error').
    Atomics.store(flag, 0, CLOSED);
    Atomics.notify(flag, 0);
    throw err;
  }
}

function run(db: BetterSqlite3.Database): void {
  let seen = db.pragma('data_version', { simple: true }) as number;
  // Frames written before this worker started still need a checkpoint.
  let dirty = true;
  // The last pass left frames behind (commits landed during it): catch up next tick.
  let behind = false;
  let lastPassAt = 0;
  let lastError = '';

  const checkpoint = (mode: CheckpointResult['mode']) => {
    const started = performance.now();
    const row = (db.pragma(`wal_checkpoint(${mode})`) as Omit<CheckpointResult, 'mode' | 'ms'>[])[0]!;
    post({ kind: 'checkpoint', mode, ...row, ms: performance.now() - started });
    return row;
  };

  const walBytes = () => {
    try {
      return fs.statSync(`${data.file}-wal`).size;
    } catch {
      return 0;
    }
  };

  const tick = () => {
    if (Atomics.load(flag, 0) !== RUNNING) return;
    try {
      const version = db.pragma('data_version', { simple: true }) as number;
      const changed = version !== seen;
      seen = version;
      if (changed) dirty = true;
      const now = Date.now();
      if (!dirty) {
        if (walBytes() > data.truncateAboveBytes) checkpoint('TRUNCATE');
      } else if (
        !changed ||
        behind ||
        now - lastPassAt >= data.passEveryMs ||
        walBytes() > data.restartAboveBytes
      ) {
        lastPassAt = now;
        const row = checkpoint('PASSIVE');
        behind = row.checkpointed < row.log;
        if (!behind) dirty = false;
        // Few frames are left after the passive pass, so the write lock is held briefly;
        // with busy_timeout 0 a writer mid-transaction makes it give way at once.
        if (walBytes() > data.restartAboveBytes) {
          // Wait up to 100 ms for a gap between two commits (a writer that never pauses
          // would always be mid-transaction at one look), then hold the lock briefly.
          db.pragma('busy_timeout = 100');
          try {
            behind = checkpoint('TRUNCATE').busy !== 0;
          } finally {
            db.pragma('busy_timeout = 0');
          }
        }
      }
      lastError = '';
    } catch (err) {
      const message = String((err as Error | undefined)?.message ?? err);
      if (message !== lastError)
        post({ kind: 'error', message, code: (err as { code?: string } | undefined)?.code });
      lastError = message;
    }
  };

  const timer = setInterval(tick, data.intervalMs);
  port.on('message', (msg: ToCheckpointWorker) => {
    if (msg === 'tick') tick();
    else if (msg === 'close') {
      clearInterval(timer);
      closed(db);
    }
  });
  post({ kind: 'ready' });
}

if (Atomics.load(flag, 0) !== RUNNING) closed(null);
else run(open());

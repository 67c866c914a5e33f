/**
 * The checkpoint worker's program, as a CommonJS string run with `new Worker(src,
 * { eval: true })`. A string rather than a file because the same code must start
 * under tsx, vitest and Electron's bundled main, and a separate worker file would
 * need its own bundle entry. It `require`s better-sqlite3 by the absolute path the
 * main thread resolved, opens its OWN connection (busy_timeout 0), and every
 * `intervalMs` looks at `PRAGMA data_version` (it changes only for other
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
 * between two commits, then gives way; the next tick tries again. When nothing is left to copy
 * and the WAL file is over `truncateAboveBytes`, TRUNCATE shrinks it.
 *
 * One thread, one loop: never more than one checkpoint in flight. Shared state word:
 * 0 running, 1 stop requested, 2 connection closed (the main thread waits for 2
 * before closing its own connection, so that close can remove the WAL).
 */
export const CHECKPOINT_WORKER_SOURCE = String.raw`
'use strict';
const load = typeof require === 'function'
  ? require
  : process.getBuiltinModule('node:module').createRequire(process.execPath);
const { parentPort, workerData } = load('node:worker_threads');
const fs = load('node:fs');
const { driverPath, nativeBinding, file, intervalMs, passEveryMs, truncateAboveBytes, restartAboveBytes, state } =
  workerData;
const flag = new Int32Array(state);

function closed(db) {
  if (db) {
    try { db.close(); } catch (err) { /* closing anyway */ }
  }
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
  parentPort.close();
}

if (Atomics.load(flag, 0) !== 0) {
  closed(null);
} else {
  let db;
  try {
    db = new (load(driverPath))(file, { fileMustExist: true, timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    // No connection to wait for: release a close() already waiting, then fail (the
    // main thread takes over on the worker's 'error').
    Atomics.store(flag, 0, 2);
    Atomics.notify(flag, 0);
    throw err;
  }
  let seen = db.pragma('data_version', { simple: true });
  // Frames written before this worker started still need a checkpoint.
  let dirty = true;
  // The last pass left frames behind (commits landed during it): catch up next tick.
  let behind = false;
  let lastPassAt = 0;
  let lastError = '';

  const checkpoint = (mode) => {
    const started = performance.now();
    const row = db.pragma('wal_checkpoint(' + mode + ')')[0];
    parentPort.postMessage({
      kind: 'checkpoint', mode, busy: row.busy, log: row.log, checkpointed: row.checkpointed,
      ms: performance.now() - started,
    });
    return row;
  };

  const walBytes = () => {
    try { return fs.statSync(file + '-wal').size; } catch (err) { return 0; }
  };

  const tick = () => {
    if (Atomics.load(flag, 0) !== 0) return;
    try {
      const version = db.pragma('data_version', { simple: true });
      const changed = version !== seen;
      seen = version;
      if (changed) dirty = true;
      const now = Date.now();
      if (!dirty) {
        if (walBytes() > truncateAboveBytes) checkpoint('TRUNCATE');
      } else if (!changed || behind || now - lastPassAt >= passEveryMs || walBytes() > restartAboveBytes) {
        lastPassAt = now;
        const row = checkpoint('PASSIVE');
        behind = row.checkpointed < row.log;
        if (!behind) dirty = false;
        // Few frames are left after the passive pass, so the write lock is held briefly;
        // with busy_timeout 0 a writer mid-transaction makes it give way at once.
        if (walBytes() > restartAboveBytes) {
          // Wait up to 100 ms for a gap between two commits (a writer that never pauses
          // would always be mid-transaction at one look), then hold the lock briefly.
          db.pragma('busy_timeout = 100');
          try { behind = checkpoint('TRUNCATE').busy !== 0; } finally { db.pragma('busy_timeout = 0'); }
        }
      }
      lastError = '';
    } catch (err) {
      const message = String(err && err.message || err);
      if (message !== lastError) parentPort.postMessage({ kind: 'error', message, code: err && err.code });
      lastError = message;
    }
  };

  const timer = setInterval(tick, intervalMs);
  parentPort.on('message', (msg) => {
    if (msg === 'tick') tick();
    else if (msg === 'close') {
      clearInterval(timer);
      closed(db);
    }
  });
  parentPort.postMessage({ kind: 'ready' });
}
`;

/**
 * The checkpoint worker's program, as a CommonJS string run with `new Worker(src,
 * { eval: true })`. A string rather than a file because the same code must start
 * under tsx, vitest and Electron's bundled main, and a separate worker file would
 * need its own bundle entry. It `require`s better-sqlite3 by the absolute path the
 * main thread resolved, opens its OWN connection, and every `intervalMs`:
 *
 * - if another connection committed since its last look (`PRAGMA data_version`
 *   changes only for other connections' commits), runs `wal_checkpoint(PASSIVE)`,
 *   which never takes the write lock, so the main thread's commits never wait for it;
 * - else (nothing new), once the WAL file is over `truncateAboveBytes`,
 *   `wal_checkpoint(TRUNCATE)` so a burst does not leave a huge file behind.
 *
 * The WAL only starts over from its beginning when a writer begins a transaction
 * while every frame has been checkpointed. A writer committing without pause (a
 * stream at thousands of chunks/s) appends faster than a passive checkpoint that
 * started earlier can catch up, so the WAL would grow for as long as the stream
 * lasts (at chat rates there are pauses between commits and it does start over). Past
 * `restartAboveBytes`, a safety valve, the worker follows its passive pass with a
 * TRUNCATE, which holds the write lock while it copies the frames committed meanwhile
 * (and fsyncs them): the main thread's next commit waits for it, so this is kept for
 * sustained thousands of commits/s. When idle, the TRUNCATE has nothing left to copy.
 * TRUNCATE runs with busy_timeout 0: if a writer is mid-transaction it does a passive
 * pass instead and the next tick tries again.
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
const { driverPath, nativeBinding, file, intervalMs, truncateAboveBytes, restartAboveBytes, state } = workerData;
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
      if (version !== seen || dirty) {
        seen = version;
        dirty = false;
        const row = checkpoint('PASSIVE');
        // Frames a reader still needed stay behind: look again next tick.
        if (row.checkpointed < row.log) dirty = true;
        else if (walBytes() > restartAboveBytes) checkpoint('TRUNCATE');
      } else if (walBytes() > truncateAboveBytes) {
        checkpoint('TRUNCATE');
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

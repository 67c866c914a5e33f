import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { WalCheckpointer } from '../../../electron/core/db/WalCheckpointer';
import { makeTempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
const closers: (() => void)[] = [];
beforeEach(() => {
  tmp = makeTempDir('spool-checkpoint-');
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => {
  for (const fn of closers.splice(0).reverse()) fn();
  tmp.cleanup();
});

function open(): BetterSqlite3.Database {
  const { db } = openDatabase({ file });
  db.exec('CREATE TABLE filler (x BLOB NOT NULL)');
  closers.push(() => db.open && db.close());
  return db;
}

function start(db: BetterSqlite3.Database, options: Parameters<typeof WalCheckpointer.start>[1] = {}) {
  const c = WalCheckpointer.start(db, { intervalMs: 10, log: () => {}, ...options });
  closers.push(() => c.close());
  return c;
}

/** ~4 pages per commit, one commit per row: many WAL frames, as a stream writes them. */
function commit(db: BetterSqlite3.Database, rows: number): void {
  const insert = db.prepare('INSERT INTO filler (x) VALUES (randomblob(12000))');
  for (let i = 0; i < rows; i++) insert.run();
}

const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

describe('WAL checkpoints off the event loop', () => {
  it('turns off the automatic checkpoint that would run inside the main connection’s commits', () => {
    const db = open();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    start(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });

  it('copies what the main connection committed into the database file from a worker thread', async () => {
    const db = open();
    // No timer ticks in this test: one checkpoint, when nudged.
    const c = start(db, { intervalMs: 3_600_000 });
    await waitFor(() => c.state === 'worker', 'the worker to start');
    const fileBefore = size(file);
    commit(db, 200);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const walFrames = (size(`${file}-wal`) - 32) / (pageSize + 24);
    expect(walFrames).toBeGreaterThan(200);
    c.nudge();
    await waitFor(() => c.checkpoints === 1, 'the checkpoint');
    expect(c.state).toBe('worker');
    expect(c.last).toMatchObject({ mode: 'PASSIVE', busy: 0, log: walFrames, checkpointed: walFrames });
    // The main connection never checkpoints (auto off, nothing called): the database
    // file grew by what was committed because another connection, the worker's, copied it.
    expect(size(file) - fileBefore).toBeGreaterThanOrEqual(200 * 12000);
  });

  it('truncates a WAL over the threshold once the writes stop', async () => {
    const db = open();
    const c = start(db, { intervalMs: 3_600_000, truncateAboveBytes: 64 * 1024 });
    await waitFor(() => c.state === 'worker', 'the worker to start');
    commit(db, 100);
    expect(size(`${file}-wal`)).toBeGreaterThan(64 * 1024);
    c.nudge(); // new commits: a passive checkpoint
    c.nudge(); // nothing new since: the big WAL is truncated
    await waitFor(() => c.checkpoints === 2, 'both checkpoints');
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(size(`${file}-wal`)).toBe(0);
    expect(c.last).toMatchObject({ mode: 'TRUNCATE', busy: 0 });
    expect(db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(100);
  });

  it('truncates a WAL over the restart cap even while commits go on', async () => {
    const db = open();
    const c = start(db, { intervalMs: 3_600_000, restartAboveBytes: 64 * 1024 });
    await waitFor(() => c.state === 'worker', 'the worker to start');
    commit(db, 100);
    c.nudge(); // new commits, and a WAL past the cap: passive, then truncate at once
    await waitFor(() => c.checkpoints === 2, 'both checkpoints');
    expect(c.last).toMatchObject({ mode: 'TRUNCATE', busy: 0 });
    expect(size(`${file}-wal`)).toBe(0);
  });

  it('never changes what is committed, checkpointing while the main connection writes', async () => {
    const db = open();
    const c = start(db, { intervalMs: 1, truncateAboveBytes: 0 });
    await waitFor(() => c.state === 'worker', 'the worker to start');
    for (let round = 0; round < 20; round++) {
      commit(db, 10);
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => c.checkpoints > 0, 'some checkpoints');
    c.close();
    db.close();
    const reopened = new BetterSqlite3(file, { readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(200);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('closes the worker’s connection first, so closing the main connection removes the WAL', async () => {
    const db = open();
    const c = start(db);
    await waitFor(() => c.state === 'worker', 'the worker to start');
    commit(db, 50);
    c.close();
    expect(c.state).toBe('closed');
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('closes cleanly while the worker is still starting', () => {
    const db = open();
    const c = start(db);
    c.close();
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('does not keep the process alive by itself', async () => {
    const script = [
      `import { openDatabase } from ${JSON.stringify(path.resolve('electron/core/db/openDatabase.ts'))};`,
      `import { WalCheckpointer } from ${JSON.stringify(path.resolve('electron/core/db/WalCheckpointer.ts'))};`,
      `const { db } = openDatabase({ file: ${JSON.stringify(file)} });`,
      `const c = WalCheckpointer.start(db, { intervalMs: 10, log: () => {} });`,
      `while (c.state === 'starting') await new Promise((r) => setTimeout(r, 5));`,
      `console.log(c.state);`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(out.trim()).toBe('worker');
    expect(code).toBe(0);
  });

  it('falls back to checkpointing on the main thread, saying so once, when the worker cannot start', async () => {
    const db = open();
    const lines: string[] = [];
    const c = start(db, {
      driverPath: path.join(tmp.dir, 'no-such-driver.js'),
      log: (line) => lines.push(line),
    });
    await waitFor(() => c.state === 'main-thread', 'the fallback');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/main thread.*checkpoint worker failed/);
    commit(db, 50);
    await waitFor(() => (c.last?.log ?? 0) > 0 && c.last!.checkpointed === c.last!.log, 'a checkpoint');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    c.close();
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('starts no worker before deferWorkerMs has passed, and then starts it', async () => {
    const db = open();
    const c = start(db, { deferWorkerMs: 300 });
    await new Promise((r) => setTimeout(r, 150));
    expect(c.state).toBe('starting');
    await waitFor(() => c.state === 'worker', 'the deferred worker to start');
  });

  it('closed before its deferred start, it never starts a worker and the WAL still goes', async () => {
    const db = open();
    const c = start(db, { deferWorkerMs: 100 });
    commit(db, 20);
    c.close();
    db.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(c.state).toBe('closed');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { readChunks } from '../../../electron/core/stream/chunkRows';
import type { LoggedChunk } from '../../../electron/core/stream/types';
import { makeTempDir } from '../../helpers/tempDir';
import { readLogs } from '../../torture/readLogs';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const CHILD = path.join(ROOT, 'tests', 'torture', 'compactChild.ts');
const STREAMS = 10;
const CHUNKS = 1500;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

/** A library of finished streams: text deltas with raw events between, some split into parts. */
function writeLibrary(file: string): void {
  const { db } = openDatabase({ file });
  db.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);`);
  const message = db.prepare(
    `INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at)
     VALUES (?, 'c', 'assistant', '[]', 'complete', 1, 1)`,
  );
  const stream = db.prepare(
    `INSERT INTO streams (id, message_id, status, started_at, last_seq) VALUES (?, ?, 'complete', 1, ?)`,
  );
  const chunk = db.prepare(
    'INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let s = 0; s < STREAMS; s++) {
      message.run(`m${s}`);
      stream.run(`s${s}`, `m${s}`, CHUNKS - 1);
      for (let seq = 0; seq < CHUNKS; seq++) {
        const raw = seq % 2 === 1;
        const json = raw
          ? JSON.stringify({
              type: 'raw',
              value: { id: `chatcmpl-${s}`, choices: [{ delta: { content: `w${seq}` } }] },
            })
          : JSON.stringify({ type: 'text-delta', id: 't', delta: `word ${seq} ünïcødé 🎉 ` });
        if (seq % 97 === 0) {
          const cut = Math.floor(json.length / 2);
          chunk.run(`s${s}`, seq, 0, seq * 20, raw ? 'raw' : 'text-delta', json.slice(0, cut));
          chunk.run(`s${s}`, seq, 1, seq * 20, raw ? 'raw' : 'text-delta', json.slice(cut));
        } else chunk.run(`s${s}`, seq, 0, seq * 20, raw ? 'raw' : 'text-delta', json);
      }
    }
  })();
  db.close();
}

/** Runs the compacting child and SIGKILLs it `killAfterMs` after it is ready; resolves with the streams it reported done. */
function compactUntilKilled(
  file: string,
  killAfterMs: number,
): Promise<{ done: string[]; signal: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => {
    buffered += b.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const [kind, id] = buffered.slice(0, nl).split(' ');
      buffered = buffered.slice(nl + 1);
      if (kind === 'R') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (kind === 'C') done.push(id!);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL' && !buffered.includes('D') && stderr) reject(new Error(stderr));
      else resolve({ done, signal });
    });
  });
}

describe('§3.11 compaction killed with SIGKILL loses nothing', () => {
  test('a child SIGKILLed again and again while compacting leaves every stream wholly compacted or wholly rows, every chunk as it was', async () => {
    const { dir, cleanup } = makeTempDir('spool-compact-kill-');
    cleanups.push(cleanup);
    const file = path.join(dir, 'spool.db');
    writeLibrary(file);
    const before = new Map<string, LoggedChunk[]>();
    {
      const { db } = openDatabase({ file });
      for (let s = 0; s < STREAMS; s++) before.set(`s${s}`, readChunks(db, `s${s}`, -1, CHUNKS));
      db.close();
    }
    let kills = 0;
    const reported = new Set<string>();
    for (let cycle = 0; cycle < 8; cycle++) {
      const { done, signal } = await compactUntilKilled(file, 30 + ((cycle * 37) % 120));
      if (signal === 'SIGKILL') kills++;
      for (const id of done) reported.add(id);
      const { db } = openDatabase({ file });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const logs = readLogs(db);
      const packed = new Set(
        db
          .prepare<[], string>('SELECT s.id FROM streams s JOIN packed_streams p ON p.no = s.no')
          .pluck()
          .all(),
      );
      for (const [id, chunks] of before) {
        // Every stream the child said it compacted is compacted (a commit survives the kill) …
        if (reported.has(id)) expect(packed.has(id), id).toBe(true);
        // … and each one is whole either way: blocks for all but the last chunk, or rows only.
        const log = logs.get(id)!;
        expect(log.gap, id).toBeNull();
        expect(log.fromBlocks, id).toBe(packed.has(id) ? CHUNKS - 1 : 0);
        expect(readChunks(db, id, -1, CHUNKS), id).toEqual(chunks);
      }
      db.close();
      if (packed.size === STREAMS) break;
    }
    // The kills must have landed while there was work left, or this proves nothing.
    expect(kills).toBeGreaterThan(0);
    expect(reported.size).toBeGreaterThan(0);
  }, 600_000);
});

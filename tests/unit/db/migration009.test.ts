import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { readStats } from '../../../electron/core/stats/readStats';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

const NOW = 1_000_000;
const chunk = (stream: string, seq: number, tMs: number, type = 'text-delta') =>
  `INSERT INTO chunks (stream_id, seq, t_ms, type, payload) VALUES ('${stream}', ${seq}, ${tMs}, '${type}',
     '${JSON.stringify(type === 'raw' ? { type: 'raw', value: {} } : { type: 'text-delta', id: 't', delta: 'x' })}');`;

/**
 * A library as schema 8 wrote it: a reply that completed (a raw event, then three text
 * chunks from 100 ms to 300 ms), a regenerated version of it that was cut (error 'server'),
 * and one still 'streaming' whose writer is gone.
 */
function writeSchema8Library(): void {
  const { db } = openDatabase({ file, migrations: MIGRATIONS.slice(0, 8) });
  expect(userVersion(db)).toBe(8);
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Tree', ${NOW - 500}, ${NOW - 500});
    INSERT INTO messages (id, conversation_id, parent_id, role, parts, status, created_at, updated_at) VALUES
      ('u', 'c', NULL, 'user', '[]', 'complete', ${NOW - 500}, ${NOW - 500}),
      ('a1', 'c', 'u', 'assistant', '[]', 'complete', ${NOW - 400}, ${NOW - 400}),
      ('a2', 'c', 'u', 'assistant', '[]', 'error', ${NOW - 300}, ${NOW - 300}),
      ('a3', 'c', 'u', 'assistant', '[]', 'streaming', ${NOW - 200}, ${NOW - 200});
    INSERT INTO streams (id, message_id, status, provider, model, started_at, last_seq, error) VALUES
      ('s1', 'a1', 'complete', 'p', 'm', ${NOW - 400}, 3, NULL),
      ('s2', 'a2', 'error', 'p', 'm', ${NOW - 300}, 0, '{"code":"server","message":"503"}'),
      ('s3', 'a3', 'streaming', 'p', 'm', ${NOW - 200}, 0, NULL);
    ${chunk('s1', 0, 50, 'raw')} ${chunk('s1', 1, 100)} ${chunk('s1', 2, 200)} ${chunk('s1', 3, 300)}
    ${chunk('s2', 0, 40)} ${chunk('s3', 0, 10)}
  `);
  db.close();
}

const figures = (db: Database) => {
  const s = readStats(db, NOW, 10_000);
  return {
    streams: s.streams,
    providerErrors: s.providerErrors,
    performance: s.performance,
    persistence: s.persistence,
  };
};

describe('migration 009: facts of removed streams', () => {
  it('leaves every figure as the streams already there give it', () => {
    writeSchema8Library();
    const { db } = openDatabase({ file });
    expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const f = figures(db);
    expect(f.streams).toEqual({
      started: 3,
      completed: 1,
      interrupted: 0,
      errored: 1,
      cancelled: 0,
      streaming: 1,
    });
    expect(f.providerErrors.server).toBe(1);
    expect(f.persistence.committed).toBe(6);
    expect(f.performance).toEqual([
      {
        provider: 'p',
        model: 'm',
        streams: 2,
        timeToFirstChunkMs: { samples: 2, p50: 40, p90: 100, max: 100 },
        // s1: three text chunks over 0.2 s; s2 has one chunk and no duration.
        chunksPerSec: { samples: 1, p50: 15, p90: 15, max: 15 },
      },
    ]);
    db.close();
  });

  it('keeps the facts of a stream when its conversation is deleted, a streaming one as interrupted', () => {
    writeSchema8Library();
    const { db } = openDatabase({ file });
    const before = figures(db);
    db.prepare("DELETE FROM conversations WHERE id = 'c'").run();
    expect(db.prepare('SELECT COUNT(*) FROM streams').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM chunks').pluck().get()).toBe(0);
    const after = figures(db);
    expect(after.streams).toEqual({ ...before.streams, streaming: 0, interrupted: 1 });
    expect(after.providerErrors).toEqual(before.providerErrors);
    expect(after.persistence).toEqual(before.persistence);
    // The interrupted one now counts in performance too (it ended), with its first chunk at 10 ms.
    expect(after.performance[0]).toMatchObject({ streams: 3, timeToFirstChunkMs: { samples: 3 } });
    db.close();
  });

  it('keeps the facts of a version deleted on its own', () => {
    writeSchema8Library();
    const { db } = openDatabase({ file });
    const before = figures(db);
    db.prepare("DELETE FROM messages WHERE id = 'a2'").run();
    expect(figures(db)).toEqual(before);
    expect(db.prepare('SELECT stream_id, status, committed_chunks FROM removed_streams').all()).toEqual([
      { stream_id: 's2', status: 'error', committed_chunks: 1 },
    ]);
    db.close();
  });
});

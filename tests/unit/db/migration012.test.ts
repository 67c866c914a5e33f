import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastCommittedSeq, readChunks } from '../../../electron/core/stream/chunkRows';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, openLatest } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** Chunks as schema 11 kept them: two streams, one chunk split into two rows. */
function writeSchema11Library(): void {
  const db = openAt(tmp.dir, 11);
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at) VALUES
      ('a', 'c', 'assistant', '[]', 'complete', 1, 1), ('b', 'c', 'assistant', '[]', 'complete', 2, 2);
    INSERT INTO streams (id, message_id, status, started_at, last_seq) VALUES
      ('s1', 'a', 'complete', 1, 2), ('s2', 'b', 'complete', 2, 0);
    INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES
      ('s1', 0, 0, 0, 'raw', '{"type":"raw","value":{"n":1}}'),
      ('s1', 1, 0, 5, 'text-delta', '{"type":"text-delta","id":"t","delta":"hel'),
      ('s1', 1, 1, 5, 'text-delta', 'lo"}'),
      ('s1', 2, 0, 9, 'text-delta', '{"type":"text-delta","id":"t","delta":"!"}'),
      ('s2', 0, 0, 0, 'text-delta', '{"type":"text-delta","id":"t","delta":"other"}');
  `);
  db.close();
}

const allChunks = (db: Database) =>
  db
    .prepare('SELECT stream_id, seq, part, t_ms, type, payload FROM chunks ORDER BY stream_id, seq, part')
    .all();

describe('migration 012: the chunk log keyed by integer', () => {
  it('keeps every row byte for byte, readable through the chunks view and the reader', () => {
    writeSchema11Library();
    const old = (() => {
      const db = openAt(tmp.dir, 11);
      const rows = allChunks(db);
      db.close();
      return rows;
    })();
    const db = openLatest(tmp.dir);
    expect(allChunks(db)).toEqual(old);
    expect(readChunks(db, 's1', -1, 10).map((c) => [c.seq, c.tMs, c.chunk])).toEqual([
      [0, 0, { type: 'raw', value: { n: 1 } }],
      [1, 5, { type: 'text-delta', id: 't', delta: 'hello' }],
      [2, 9, { type: 'text-delta', id: 't', delta: '!' }],
    ]);
    expect(lastCommittedSeq(db, 's1')).toBe(2);
    db.close();
  });

  it('numbers new streams, and deleting a stream deletes its rows only', () => {
    writeSchema11Library();
    const db = openLatest(tmp.dir);
    db.exec(`INSERT INTO streams (id, message_id, status, started_at) VALUES ('s3', 'a', 'streaming', 3)`);
    const no = db.prepare<[string], number>('SELECT no FROM streams WHERE id = ?').pluck();
    expect(no.get('s3')).toBeGreaterThan(Math.max(no.get('s1')!, no.get('s2')!));
    db.exec(
      `INSERT INTO chunks (stream_id, seq, t_ms, type, payload) VALUES ('s3', 0, 0, 'raw', '{"type":"raw"}')`,
    );
    expect(readChunks(db, 's3', -1, 10).map((c) => c.chunk)).toEqual([{ type: 'raw' }]);
    db.exec("DELETE FROM streams WHERE id = 's1'");
    expect(db.prepare('SELECT count(*) FROM chunk_rows').pluck().get()).toBe(2);
    expect(readChunks(db, 's2', -1, 10)).toHaveLength(1);
    db.close();
  });

  it('refuses a chunk of a stream that does not exist', () => {
    writeSchema11Library();
    const db = openLatest(tmp.dir);
    expect(() =>
      db.exec(`INSERT INTO chunks (stream_id, seq, t_ms, type, payload) VALUES ('nope', 0, 0, 'raw', '{}')`),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('migration 011: the search index is written when a message settles', () => {
  it('leaves a streaming message out of the index until it settles, then indexes it', () => {
    const db = openLatest(tmp.dir);
    db.exec(`
      INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
      INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at)
        VALUES ('a', 'c', 'assistant', '[]', 'streaming', 1, 1);
    `);
    const found = db
      .prepare("SELECT count(*) FROM message_search WHERE message_search MATCH 'otters'")
      .pluck();
    const setParts = db.prepare("UPDATE messages SET parts = ?, status = ? WHERE id = 'a'");
    setParts.run('[{"type":"text","text":"otters"}]', 'streaming');
    expect(found.get()).toBe(0);
    setParts.run('[{"type":"text","text":"otters swim"}]', 'complete');
    expect(found.get()).toBe(1);
    // An edit of a settled message is indexed at once.
    setParts.run('[{"type":"text","text":"beavers"}]', 'complete');
    expect(found.get()).toBe(0);
    db.close();
  });
});

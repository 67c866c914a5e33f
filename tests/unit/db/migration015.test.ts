import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readChunks } from '../../../electron/core/stream/chunkRows';
import { compactStream } from '../../../electron/core/stream/compactStream';
import { streamQueries } from '../../../electron/core/stream/streamQueries';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, openLatest } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** A schema-14 library: two finished streams with a few chunks each. */
function writeSchema14Library(): void {
  const db = openAt(tmp.dir, 14);
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at) VALUES
      ('a', 'c', 'assistant', '[]', 'complete', 1, 1);
    INSERT INTO streams (id, message_id, status, started_at, last_seq) VALUES
      ('s1', 'a', 'complete', 1, 3), ('s2', 'a', 'complete', 2, 1);
    INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES
      ('s1', 0, 0, 0, 'start', '{"type":"start"}'),
      ('s1', 1, 0, 5, 'text-delta', '{"type":"text-delta","id":"t","delta":"hel"}'),
      ('s1', 2, 0, 9, 'raw', '{"type":"raw","value":{"n":1}}'),
      ('s1', 3, 0, 12, 'finish', '{"type":"finish"}'),
      ('s2', 0, 0, 0, 'text-delta', '{"type":"text-delta","id":"t","delta":"x"}'),
      ('s2', 1, 0, 4, 'finish', '{"type":"finish"}');
  `);
  db.close();
}

describe('migration 015: chunk blocks for compaction at rest', () => {
  it('keeps every existing row readable and compacts nothing by itself', () => {
    writeSchema14Library();
    const db = openLatest(tmp.dir);
    expect(db.prepare('SELECT count(*) FROM chunk_rows').pluck().get()).toBe(6);
    expect(db.prepare('SELECT count(*) FROM chunk_blocks').pluck().get()).toBe(0);
    expect(readChunks(db, 's1', -1, 10).map((c) => c.seq)).toEqual([0, 1, 2, 3]);
    db.close();
  });

  it('keeps the same figures for a compacted stream, also once it is deleted', () => {
    writeSchema14Library();
    const db = openLatest(tmp.dir);
    const before = streamQueries(db).factsSince(0);
    compactStream(db, 's1', 100);
    expect(db.prepare('SELECT count(*) FROM chunk_blocks').pluck().get()).toBe(1);
    expect(streamQueries(db).factsSince(0)).toEqual(before);
    db.exec("DELETE FROM streams WHERE id = 's1'");
    expect(streamQueries(db).factsSince(0)).toEqual(before);
    db.close();
  });

  it('deletes a stream’s blocks with it and leaves other streams’ alone', () => {
    writeSchema14Library();
    const db = openLatest(tmp.dir);
    compactStream(db, 's1', 100);
    compactStream(db, 's2', 100);
    db.exec("DELETE FROM streams WHERE id = 's1'");
    expect(db.prepare('SELECT count(*) FROM packed_streams').pluck().get()).toBe(1);
    expect(readChunks(db, 's2', -1, 10).map((c) => c.chunk)).toEqual([
      { type: 'text-delta', id: 't', delta: 'x' },
      { type: 'finish' },
    ]);
    db.close();
  });
});

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { readChunks } from '../../../electron/core/stream/chunkRows';
import { compactStream } from '../../../electron/core/stream/compactStream';
import { streamQueries } from '../../../electron/core/stream/streamQueries';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

const before15 = MIGRATIONS.filter((m) => m.version < 15);

/** A schema-14 library: two finished streams with a few chunks each. */
function writeSchema14Library(): void {
  const { db } = openDatabase({ file, migrations: before15 });
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
    const { db } = openDatabase({ file });
    expect(db.prepare('SELECT count(*) FROM chunk_rows').pluck().get()).toBe(6);
    expect(db.prepare('SELECT count(*) FROM chunk_blocks').pluck().get()).toBe(0);
    expect(readChunks(db, 's1', -1, 10).map((c) => c.seq)).toEqual([0, 1, 2, 3]);
    db.close();
  });

  it('keeps the same figures for a compacted stream, also once it is deleted', () => {
    writeSchema14Library();
    const { db } = openDatabase({ file });
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
    const { db } = openDatabase({ file });
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

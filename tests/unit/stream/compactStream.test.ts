import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import {
  iterateStored,
  lastCommittedSeq,
  readChunks,
  readItems,
} from '../../../electron/core/stream/chunkRows';
import { compactStream, BLOCK_MAX_ROWS } from '../../../electron/core/stream/compactStream';
import { cleanupAll, tempDb, type TestDb } from './helpers';

afterEach(cleanupAll);

interface Row {
  seq: number;
  part: number;
  tMs: number;
  type: string;
  payload: string;
}

/** A random chunk: a JSON text (some split into continuation rows, some not starting with its type). */
const chunkArb = fc.record({
  type: fc.constantFrom('text-delta', 'raw', 'reasoning-delta', 'tool-input-delta', 'start'),
  body: fc.string({ unit: 'grapheme', maxLength: 40 }),
  parts: fc.integer({ min: 1, max: 3 }),
  gapMs: fc.integer({ min: 0, max: 5000 }),
  typeFirst: fc.boolean(),
});

type RandomChunk = Omit<typeof chunkArb extends fc.Arbitrary<infer T> ? T : never, 'type'> & { type: string };

function toRows(chunks: RandomChunk[]): Row[] {
  const rows: Row[] = [];
  let t = 0;
  chunks.forEach((c, seq) => {
    t += c.gapMs;
    const json = c.typeFirst
      ? JSON.stringify({ type: c.type, id: 't', delta: c.body })
      : JSON.stringify({ delta: c.body, type: c.type });
    // Split between characters as the writer does (never inside a surrogate pair).
    const chars = Array.from(json);
    const size = Math.ceil(chars.length / c.parts);
    for (let p = 0; p * size < chars.length; p++) {
      rows.push({
        seq,
        part: p,
        tMs: t,
        type: c.type,
        payload: chars.slice(p * size, (p + 1) * size).join(''),
      });
    }
  });
  return rows;
}

/** A finished stream whose rows went in through the `chunks` view (its trigger strips nothing). */
function finishedStream(t: TestDb, rows: Row[], status = 'complete'): string {
  const messageId = t.newMessage();
  const id = `s-${messageId}`;
  t.db
    .prepare('INSERT INTO streams (id, message_id, status, started_at, last_seq) VALUES (?, ?, ?, 1, ?)')
    .run(id, messageId, status, rows.at(-1)?.seq ?? -1);
  const insert = t.db.prepare(
    'INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows) insert.run(id, r.seq, r.part, r.tMs, r.type, r.payload);
  return id;
}

const viewOf = (t: TestDb, id: string) =>
  t.db
    .prepare('SELECT seq, part, t_ms, type, payload FROM chunks WHERE stream_id = ? ORDER BY seq, part')
    .all(id);
const rowCount = (t: TestDb) => t.db.prepare('SELECT COUNT(*) FROM chunk_rows').pluck().get() as number;

describe('compaction of a finished stream into blocks', () => {
  test('every reader returns the same chunks, as stored, before and after, from any seq', () => {
    const t = tempDb();
    fc.assert(
      fc.property(
        fc.array(chunkArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: -1, max: 70 }),
        fc.integer({ min: 1, max: 80 }),
        (chunks, afterSeq, limit) => {
          const id = finishedStream(t, toRows(chunks));
          const before = {
            all: readChunks(t.db, id, -1, 1000),
            page: readItems(t.db, id, afterSeq, limit),
            stored: [...iterateStored(t.db, id, 7)],
            last: lastCommittedSeq(t.db, id),
          };
          expect(compactStream(t.db, id, 5).compacted).toBe(true);
          expect(readChunks(t.db, id, -1, 1000)).toEqual(before.all);
          expect(readItems(t.db, id, afterSeq, limit)).toEqual(before.page);
          expect([...iterateStored(t.db, id, 7)]).toEqual(before.stored);
          expect(lastCommittedSeq(t.db, id)).toBe(before.last);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('moves every row but those of the last chunk out of chunk_rows, in one block', () => {
    const t = tempDb();
    const id = finishedStream(
      t,
      toRows(
        Array.from({ length: 5 }, () => ({ type: 'raw', body: 'x', parts: 2, gapMs: 1, typeFirst: true })),
      ),
    );
    const outcome = compactStream(t.db, id, 5);
    expect(outcome).toMatchObject({ compacted: true, rows: 8, blocks: 1 });
    expect(viewOf(t, id).map((r) => (r as Row).seq)).toEqual([4, 4]);
  });

  test('splits a long stream into several blocks, each starting at a whole chunk', () => {
    const t = tempDb();
    const chunks = Array.from({ length: BLOCK_MAX_ROWS + 500 }, (_, i) => ({
      type: 'text-delta',
      body: `token ${i}`,
      parts: i % 100 === 0 ? 3 : 1,
      gapMs: 20,
      typeFirst: true,
    }));
    const id = finishedStream(t, toRows(chunks));
    const before = readChunks(t.db, id, -1, 10_000);
    const outcome = compactStream(t.db, id, 5);
    expect(outcome).toMatchObject({ compacted: true, blocks: 2 });
    expect(readChunks(t.db, id, -1, 10_000)).toEqual(before);
    expect(readChunks(t.db, id, BLOCK_MAX_ROWS - 10, 20)).toEqual(
      before.slice(BLOCK_MAX_ROWS - 9, BLOCK_MAX_ROWS + 11),
    );
  });

  test('never touches a stream that is still streaming', () => {
    const t = tempDb();
    const rows = toRows([
      { type: 'text-delta', body: 'a', parts: 1, gapMs: 0, typeFirst: true },
      { type: 'text-delta', body: 'b', parts: 1, gapMs: 0, typeFirst: true },
    ]);
    const id = finishedStream(t, rows, 'streaming');
    const before = rowCount(t);
    expect(compactStream(t.db, id, 5)).toEqual({ compacted: false, reason: 'live' });
    expect(rowCount(t)).toBe(before);
    expect(t.db.prepare('SELECT COUNT(*) FROM chunk_blocks').pluck().get()).toBe(0);
  });

  test('compacts a stream once: a second pass changes nothing', () => {
    const t = tempDb();
    const id = finishedStream(t, toRows([chunkSample(), chunkSample(), chunkSample()]));
    compactStream(t.db, id, 5);
    const blocks = t.db.prepare('SELECT * FROM chunk_blocks').all();
    expect(compactStream(t.db, id, 6)).toEqual({ compacted: false, reason: 'already' });
    expect(t.db.prepare('SELECT * FROM chunk_blocks').all()).toEqual(blocks);
  });

  test('deleting a compacted stream deletes its blocks and its mark', () => {
    const t = tempDb();
    const id = finishedStream(t, toRows([chunkSample(), chunkSample(), chunkSample()]));
    compactStream(t.db, id, 5);
    t.db.prepare('DELETE FROM streams WHERE id = ?').run(id);
    expect(t.db.prepare('SELECT COUNT(*) FROM chunk_blocks').pluck().get()).toBe(0);
    expect(t.db.prepare('SELECT COUNT(*) FROM packed_streams').pluck().get()).toBe(0);
    expect(rowCount(t)).toBe(0);
  });
});

function chunkSample() {
  return { type: 'text-delta', body: 'héllo 👋', parts: 2, gapMs: 3, typeFirst: true };
}

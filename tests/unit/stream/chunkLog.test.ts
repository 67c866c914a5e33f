import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import type { Chunk } from '../../../shared/chunks';
import { lastCommittedSeq, splitPayload } from '../../../electron/core/stream/chunkRows';
import {
  cleanupAll,
  collector,
  delta,
  loggedSeqs,
  newEngine,
  nextTurn,
  range,
  tempDb,
  walCommits,
} from './helpers';
import { waitFor } from '../../helpers/waitFor';

afterEach(cleanupAll);

describe('§3.1 seq', () => {
  test('§3.1 every chunk gets the next seq of its stream, from 0, per stream', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const a = engine.start({ messageId: t.newMessage() });
    const b = engine.start({ messageId: t.newMessage() });
    for (let i = 0; i < 5; i++) {
      a.append(delta(`a${i}`));
      if (i % 2 === 0) b.append(delta(`b${i}`));
    }
    expect(engine.flush()).toBe(true);
    expect(loggedSeqs(t.db, a.id)).toEqual([0, 1, 2, 3, 4]);
    expect(loggedSeqs(t.db, b.id)).toEqual([0, 1, 2]);
    expect(engine.read(a.id, -1, 100).map((c) => c.chunk)).toEqual(range(0, 5).map((i) => delta(`a${i}`)));
    expect([lastCommittedSeq(t.db, a.id), lastCommittedSeq(t.db, b.id)]).toEqual([4, 2]);
  });

  test('§3.1 streams.last_seq is written when a stream ends, not by every commit', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    const lastSeq = t.db.prepare('SELECT last_seq FROM streams WHERE id = ?').pluck();
    for (let i = 0; i < 3; i++) s.append(delta(`${i}`));
    engine.flush();
    expect(lastSeq.get(s.id)).toBe(-1);
    s.complete();
    engine.flush();
    expect(lastSeq.get(s.id)).toBe(3);
  });

  test('§3.1 t_ms is the time since the stream started, from the injected clock', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    s.append(delta('a'));
    t.clock.advance(1234);
    s.append(delta('b'));
    engine.flush();
    expect(engine.read(s.id, -1, 10).map((c) => c.tMs)).toEqual([0, 1234]);
  });
});

describe('§3.2 group commit', () => {
  test('§3.2 chunks appended in one turn are written in one transaction, across streams', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const streams = range(0, 4).map(() => engine.start({ messageId: t.newMessage() }));
    const c = collector();
    for (const s of streams) engine.subscribe(s.id, -1, c.onBatch);
    await waitFor(() => true);
    await nextTurn();
    const before = walCommits(t.file);
    for (let i = 0; i < 250; i++) for (const s of streams) s.append(delta(`x${i}`));
    await waitFor(() => c.items.length === 1000, 'all chunks delivered');
    expect(walCommits(t.file) - before).toBe(1);
    for (const s of streams) expect(loggedSeqs(t.db, s.id)).toEqual(range(0, 250));
  });

  test('§3.2 chunks appended in separate turns are separate transactions', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    const before = walCommits(t.file);
    for (let turn = 0; turn < 3; turn++) {
      s.append(delta(`a${turn}`));
      s.append(delta(`b${turn}`));
      await waitFor(() => engine.log.pendingChunks === 0);
    }
    expect(walCommits(t.file) - before).toBe(3);
  });

  test('§3.2 with commitWindowMs, the first chunk after a quiet spell commits at once and the next turns inside the window share one transaction', async () => {
    const t = tempDb();
    const engine = newEngine(t, { commitWindowMs: 400 });
    const s = engine.start({ messageId: t.newMessage() });
    const before = walCommits(t.file);
    for (let turn = 0; turn < 3; turn++) {
      s.append(delta(`${turn}`));
      await nextTurn();
    }
    expect(walCommits(t.file) - before).toBe(1);
    expect(engine.log.pendingChunks).toBe(2);
    await waitFor(() => engine.log.pendingChunks === 0, 'window commit');
    expect(walCommits(t.file) - before).toBe(2);
    expect(loggedSeqs(t.db, s.id)).toEqual([0, 1, 2]);
  });

  test('§3.2 commitBytes pending commit on the next turn, inside the window', async () => {
    const t = tempDb();
    const engine = newEngine(t, { commitWindowMs: 60_000, commitBytes: 1000 });
    const s = engine.start({ messageId: t.newMessage() });
    s.append(delta('first'));
    await waitFor(() => engine.log.pendingChunks === 0, 'first commit');
    for (let i = 0; i < 5; i++) s.append(delta('x'));
    await nextTurn();
    expect(engine.log.pendingChunks).toBe(5);
    for (let i = 0; i < 20; i++) s.append(delta('y'.repeat(40)));
    await waitFor(() => engine.log.pendingChunks === 0, 'commit by size');
    expect(loggedSeqs(t.db, s.id)).toEqual(range(0, 26));
  });
});

describe('§3.3 commit before publish', () => {
  test('§3.3 a subscriber or listener only sees a chunk once another connection can read it from the file', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const other = new BetterSqlite3(t.file, { readonly: true });
    const onDisk = other.prepare('SELECT count(*) FROM chunks WHERE stream_id = ? AND seq = ?').pluck();
    const s = engine.start({ messageId: t.newMessage() });
    const seenBySubscriber: boolean[] = [];
    const seenByListener: boolean[] = [];
    engine.subscribe(s.id, -1, (items) => {
      for (const i of items) seenBySubscriber.push(onDisk.get(s.id, i.seq) === 1);
    });
    engine.addListener({
      committed: (batch) => {
        for (const i of batch.items) seenByListener.push(onDisk.get(s.id, i.seq) === 1);
      },
    });
    await nextTurn();
    for (let turn = 0; turn < 5; turn++) {
      for (let i = 0; i < 10; i++) s.append(delta('x'));
      // Same turn as the append: nobody has it, and it is not on disk either.
      expect(seenBySubscriber.length).toBe(turn * 10);
      await waitFor(() => seenBySubscriber.length === (turn + 1) * 10);
    }
    other.close();
    expect(seenBySubscriber).toEqual(range(0, 50).map(() => true));
    expect(seenByListener).toEqual(range(0, 50).map(() => true));
  });
});

describe('§2 chunk rows', () => {
  test('every payload reads back byte-identical through the reader and the chunks view, whatever its keys', () => {
    const t = tempDb();
    const engine = newEngine(t, { maxChunkBytes: 64 });
    const s = engine.start({ messageId: t.newMessage() });
    const chunks = [
      delta('plain'),
      { type: 'start' },
      { id: 't', type: 'text-delta', delta: 'type not first' },
      { type: 'raw', value: { text: '"quoted", {braces}, é€😀 '.repeat(8) } },
      { type: 'text-delta', id: 't', delta: '"starts with a quote' },
    ] as Chunk[];
    for (const c of chunks) s.append(c);
    expect(engine.flush()).toBe(true);
    const expected = chunks.map((c) => JSON.stringify(c));
    expect(engine.read(s.id, -1, 100).map((c) => JSON.stringify(c.chunk))).toEqual(expected);
    const viaView = t.db
      .prepare<[string], string>(
        "SELECT group_concat(payload, '') FROM (SELECT seq, payload FROM chunks WHERE stream_id = ? ORDER BY seq, part) GROUP BY seq ORDER BY seq",
      )
      .pluck()
      .all(s.id);
    expect(viaView).toEqual(expected);
  });
});

describe('§3.8 oversized chunks', () => {
  test('§3.8 a 3 MiB chunk is split into continuation rows and rejoined byte-exact', () => {
    const t = tempDb();
    const engine = newEngine(t, { maxChunkBytes: 1024 * 1024 });
    const s = engine.start({ messageId: t.newMessage() });
    // Multi-byte characters everywhere, so every split boundary falls near one: é (2 bytes),
    // € (3 bytes), 😀 (4 bytes, a surrogate pair).
    const unit = 'aé€😀';
    let text = '';
    while (Buffer.byteLength(text) < 3 * 1024 * 1024) text += unit.repeat(4096);
    const big: Chunk = { type: 'text-delta', id: 't', delta: text };
    s.append(delta('before'));
    s.append(big);
    s.append(delta('after'));
    expect(engine.flush()).toBe(true);
    const parts = t.db
      .prepare<[string], { part: number; payload: string }>(
        'SELECT part, payload FROM chunks WHERE stream_id = ? AND seq = 1 ORDER BY part',
      )
      .all(s.id);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.map((p) => p.part)).toEqual(range(0, parts.length));
    for (const p of parts) {
      expect(Buffer.byteLength(p.payload)).toBeLessThanOrEqual(1024 * 1024);
      expect(p.payload).not.toContain('\uFFFD');
      expect(wellFormed(p.payload)).toBe(true);
    }
    const back = engine.read(s.id, -1, 10);
    expect(back.map((c) => c.seq)).toEqual([0, 1, 2]);
    expect(Buffer.from(JSON.stringify(back[1]!.chunk)).equals(Buffer.from(JSON.stringify(big)))).toBe(true);
    // A page boundary right at the big chunk still yields it whole.
    expect(engine.read(s.id, 0, 1)[0]!.chunk).toEqual(big);
  });

  test('§3.8 splitting never cuts a surrogate pair or exceeds the byte limit', () => {
    const text = '😀'.repeat(10) + 'x' + '€'.repeat(5);
    for (let max = 4; max <= 20; max++) {
      const pieces = splitPayload(text, max);
      expect(pieces.join('')).toBe(text);
      for (const p of pieces) {
        expect(Buffer.byteLength(p)).toBeLessThanOrEqual(max);
        expect(wellFormed(p)).toBe(true);
      }
    }
  });
});

describe('§3.9 bounded memory and backpressure', () => {
  test('§3.9 append returns nothing (no promise) while there is room', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    expect(s.append(delta('x'))).toBeUndefined();
  });

  test('§3.9 a producer appending faster than commits never grows the buffer past its cap', async () => {
    const t = tempDb();
    const engine = newEngine(t, { maxPendingChunks: 64, maxPendingBytes: 4096 });
    const s = engine.start({ messageId: t.newMessage() });
    const c = collector();
    engine.subscribe(s.id, -1, c.onBatch);
    let maxChunks = 0;
    let maxBytes = 0;
    let waits = 0;
    for (let i = 0; i < 3000; i++) {
      const room = s.append(delta(i % 7 === 0 ? 'y'.repeat(200) : `x${i}`));
      maxChunks = Math.max(maxChunks, engine.log.pendingChunks);
      maxBytes = Math.max(maxBytes, engine.log.pendingByteCount);
      if (room) {
        waits++;
        await room;
      }
    }
    await waitFor(() => c.items.length === 3000);
    expect(waits).toBeGreaterThan(0);
    expect(maxChunks).toBeLessThanOrEqual(64);
    // The byte cap pauses the producer as soon as it is reached: at most one chunk over.
    expect(maxBytes).toBeLessThan(4096 + 300);
    expect(loggedSeqs(t.db, s.id)).toEqual(range(0, 3000));
  });
});

/** A lone surrogate does not survive a UTF-8 round trip (it becomes U+FFFD). */
function wellFormed(s: string): boolean {
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { ChunkItem } from '../../../shared/chunks';
import type { StreamHandle } from '../../../electron/core/stream/StreamHandle';
import { ApiFailure } from '../../../shared/api/result';
import { cleanupAll, collector, delta, newEngine, nextTurn, onCleanup, range, tempDb } from './helpers';
import { waitFor } from '../../helpers/waitFor';

afterEach(cleanupAll);

describe('§3.4 subscribe with a cursor', () => {
  test('§3.4 replays committed chunks after the cursor, then delivers live ones', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    for (let i = 0; i < 10; i++) s.append(delta(`${i}`));
    engine.flush();
    const c = collector();
    const replayFlags: boolean[] = [];
    engine.subscribe(s.id, 3, (items, info) => {
      c.onBatch(items);
      replayFlags.push(info.replay);
    });
    await waitFor(() => c.items.length === 6);
    expect(c.seqs()).toEqual(range(4, 10));
    for (let i = 10; i < 15; i++) s.append(delta(`${i}`));
    await waitFor(() => c.items.length === 11);
    expect(c.seqs()).toEqual(range(4, 15));
    expect(c.items.map((i) => i.chunk)).toEqual(range(4, 15).map((i) => delta(`${i}`)));
    expect(replayFlags[0]).toBe(true);
    expect(replayFlags[replayFlags.length - 1]).toBe(false);
  });

  test('§3.4 no gap and no duplicate when chunks commit during a paged replay', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    for (let i = 0; i < 500; i++) s.append(delta('x'));
    engine.flush();
    const c = collector();
    engine.subscribe(s.id, -1, c.onBatch, { pageSize: 7 });
    // Commit a few chunks on every turn while the replay pages through the log.
    for (let turn = 0; turn < 100; turn++) {
      s.append(delta('y'));
      s.append(delta('z'));
      await nextTurn();
    }
    s.complete();
    await waitFor(() => c.items.length === 701, 'all 701 chunks');
    await nextTurn();
    expect(c.seqs()).toEqual(range(0, 701));
  });

  test('§3.4 any number of subscribers on several streams at once each see their stream whole', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const a = engine.start({ messageId: t.newMessage() });
    const b = engine.start({ messageId: t.newMessage() });
    const subs = range(0, 6).map((i) => ({ stream: i % 2 === 0 ? a : b, c: collector() }));
    for (let i = 0; i < 50; i++) {
      a.append(delta(`a${i}`));
      b.append(delta(`b${i}`));
      if (i === 10) for (const sub of subs.slice(0, 3)) engine.subscribe(sub.stream.id, -1, sub.c.onBatch);
      if (i === 30) for (const sub of subs.slice(3)) engine.subscribe(sub.stream.id, 5, sub.c.onBatch);
      if (i % 5 === 0) await nextTurn();
    }
    await waitFor(() => subs.every((s, i) => s.c.items.length === (i < 3 ? 50 : 44)));
    for (const [i, sub] of subs.entries()) {
      expect(sub.c.seqs()).toEqual(range(i < 3 ? 0 : 6, 50));
      expect(sub.c.items.every((it) => it.streamId === sub.stream.id)).toBe(true);
    }
  });

  test('§3.4 raw chunks are logged but reach window subscribers only as value-less placeholders', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    s.append({ type: 'raw', value: { secret: 'provider event' } });
    s.append(delta('hi'));
    const windowSub = collector();
    const exportSub = collector();
    engine.subscribe(s.id, -1, windowSub.onBatch);
    engine.subscribe(s.id, -1, exportSub.onBatch, { includeRaw: true });
    s.append({ type: 'raw', value: 2 });
    await waitFor(() => windowSub.items.length === 3 && exportSub.items.length === 3);
    expect(windowSub.seqs()).toEqual([0, 1, 2]);
    expect(JSON.stringify(windowSub.items)).not.toContain('provider event');
    expect(JSON.parse(JSON.stringify(windowSub.items[0]!.chunk))).toEqual({ type: 'raw' });
    expect(exportSub.items[0]!.chunk).toEqual({ type: 'raw', value: { secret: 'provider event' } });
    expect(engine.read(s.id, -1, 10)[2]!.chunk).toEqual({ type: 'raw', value: 2 });
  });

  test('§3.4 a stream written by another process can be replayed from the log', async () => {
    const t = tempDb();
    const writer = newEngine(t);
    const s = writer.start({ messageId: t.newMessage() });
    for (let i = 0; i < 20; i++) s.append(delta(`${i}`));
    s.complete();
    writer.flush();
    const db2 = new BetterSqlite3(t.file);
    onCleanup(() => db2.close());
    const reader = newEngine({ ...t, db: db2 }, { owner: 'instance-B' });
    const c = collector();
    reader.subscribe(s.id, 9, c.onBatch);
    await waitFor(() => c.items.length === 11);
    expect(c.seqs()).toEqual(range(10, 21));
  });

  test('§3.4 subscribing to an unknown stream is a typed NOT_FOUND error', () => {
    const t = tempDb();
    const engine = newEngine(t);
    expect(() => engine.subscribe('nope', -1, () => {})).toThrowError(ApiFailure);
  });

  test('§3.4 an unsubscribed subscriber receives nothing more', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    const c = collector();
    const stop = engine.subscribe(s.id, -1, c.onBatch);
    s.append(delta('a'));
    await waitFor(() => c.items.length === 1);
    stop();
    s.append(delta('b'));
    engine.flush();
    await nextTurn();
    expect(c.seqs()).toEqual([0]);
  });

  test('§4 live-only events reach subscribers and listeners but never the log', async () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    const seen: unknown[] = [];
    engine.subscribe(s.id, -1, () => {}, { onLive: (e) => seen.push(e) });
    engine.addListener({ live: (id, e) => seen.push([id, e]) });
    await nextTurn();
    engine.publishLive(s.id, { tokensPerSec: 42 });
    expect(seen).toEqual([{ tokensPerSec: 42 }, [s.id, { tokensPerSec: 42 }]]);
    engine.flush();
    expect(engine.read(s.id, -1, 10)).toEqual([]);
  });
});

type Action =
  | { kind: 'append'; stream: number; n: number }
  | { kind: 'turn' }
  | { kind: 'subscribe'; stream: number; after: number; pageSize: number }
  | { kind: 'lock' }
  | { kind: 'unlock' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(2),
      n: fc.integer({ min: 1, max: 15 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('turn' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('subscribe' as const),
      stream: fc.nat(2),
      after: fc.integer({ min: -1, max: 80 }),
      pageSize: fc.integer({ min: 1, max: 9 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unlock' as const) }) },
);

describe('§3.4 property', () => {
  test('§3.4 random interleavings of appends, commit turns, storage stalls and subscribes: every subscriber sees afterSeq+1..n-1 exactly once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 40 }), async (actions) => {
        const t = tempDb();
        const engine = newEngine(t, { commitBusyTimeoutMs: 0, retryInitialMs: 1, retryMaxMs: 4 });
        const locker = new BetterSqlite3(t.file);
        let locked = false;
        try {
          const streams: StreamHandle[] = range(0, 3).map(() => engine.start({ messageId: t.newMessage() }));
          const subs: { stream: number; after: number; got: ChunkItem[] }[] = [];
          for (const a of actions) {
            if (a.kind === 'append') for (let i = 0; i < a.n; i++) streams[a.stream]!.append(delta('x'));
            else if (a.kind === 'turn') await nextTurn();
            else if (a.kind === 'lock' && !locked) {
              locker.exec('BEGIN IMMEDIATE');
              locked = true;
            } else if (a.kind === 'unlock' && locked) {
              locker.exec('COMMIT');
              locked = false;
            } else if (a.kind === 'subscribe') {
              const sub = { stream: a.stream, after: a.after, got: [] as ChunkItem[] };
              subs.push(sub);
              engine.subscribe(streams[a.stream]!.id, a.after, (items) => void sub.got.push(...items), {
                pageSize: a.pageSize,
              });
            }
          }
          if (locked) locker.exec('COMMIT');
          locked = false;
          for (const s of streams) s.complete();
          await waitFor(() => engine.log.pendingChunks === 0 && engine.storageFault === null, 'log drained');
          const total = streams.map(
            (s) => t.db.prepare('SELECT last_seq FROM streams WHERE id = ?').pluck().get(s.id) as number,
          );
          await waitFor(
            () => subs.every((s) => s.got.length >= Math.max(0, total[s.stream]! - s.after)),
            'subscribers caught up',
          );
          await nextTurn();
          for (const sub of subs) {
            expect(sub.got.map((i) => i.seq)).toEqual(range(sub.after + 1, total[sub.stream]! + 1));
          }
          for (const [k, s] of streams.entries()) {
            expect(engine.read(s.id, -1, 10_000).map((c) => c.seq)).toEqual(range(0, total[k]! + 1));
          }
        } finally {
          if (locked) locker.exec('COMMIT');
          locker.close();
          engine.close();
          t.cleanup();
        }
      }),
      { numRuns: 150 },
    );
  });
});

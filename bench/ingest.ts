/**
 * ingest: chunks/s through the engine (20-byte text deltas, 1 stream and 32 concurrent
 * streams), timed from the first append until a durable subscriber has seen every
 * stream's last seq, i.e. until everything is COMMITTED, not merely queued. In the same
 * run, on the same schema and file settings: the raw better-sqlite3 ceiling (prepared
 * inserts of the same rows in 1000-row transactions) and the naive baseline (one
 * autocommit insert per chunk). Rounds are interleaved so noise hits all alike;
 * each figure is the median of its rounds.
 */
import type { Database } from 'better-sqlite3';
import { report } from './lib/results';
import { storedPayload, streamKeyBase } from '../electron/core/stream/chunkRows';
import { benchDb, delta20, durableUntil, median, nextTurn, round } from './lib/setup';

const CHUNKS = 200_000;
const NAIVE_CHUNKS = 20_000;
const ROUNDS = 5;

async function engineRun(streams: number): Promise<number> {
  const b = benchDb();
  try {
    const engine = b.engine();
    const per = CHUNKS / streams;
    const handles = Array.from({ length: streams }, () => engine.start({ messageId: b.newMessage() }));
    const done = Promise.all(handles.map((h) => durableUntil(engine, h.id, per - 1)));
    await nextTurn(); // subscribers finish their (empty) replay and go live
    const t0 = performance.now();
    await Promise.all(
      handles.map(async (h) => {
        for (let i = 0; i < per; i++) {
          const room = h.append(delta20(i));
          if (room) await room;
        }
      }),
    );
    await done;
    return CHUNKS / ((performance.now() - t0) / 1000);
  } finally {
    b.cleanup();
  }
}

/** The rows exactly as the engine writes them (key, payload in its stored form; migration 012). */
function rows(db: Database, messageId: string, count: number) {
  db.prepare(
    "INSERT INTO streams (id, message_id, status, started_at, owner) VALUES ('raw', ?, 'streaming', 0, 'bench')",
  ).run(messageId);
  const base = streamKeyBase(db, 'raw');
  return Array.from(
    { length: count },
    (_, i) =>
      [
        base + BigInt(i),
        i,
        0,
        i,
        'text-delta',
        storedPayload('text-delta', JSON.stringify(delta20(i))),
      ] as const,
  );
}

const INSERT = 'INSERT INTO chunk_rows (key, seq, part, t_ms, type, payload) VALUES (?, ?, ?, ?, ?, ?)';

function rawCeilingRun(): number {
  const b = benchDb();
  try {
    const data = rows(b.ownSqlite, b.newMessage(), CHUNKS);
    const insert = b.ownSqlite.prepare(INSERT);
    const batch = b.ownSqlite.transaction((from: number) => {
      for (let i = from; i < Math.min(from + 1000, data.length); i++) insert.run(...data[i]!);
    });
    const t0 = performance.now();
    for (let from = 0; from < data.length; from += 1000) batch(from);
    return CHUNKS / ((performance.now() - t0) / 1000);
  } finally {
    b.cleanup();
  }
}

function naiveRun(): number {
  const b = benchDb();
  try {
    const data = rows(b.ownSqlite, b.newMessage(), NAIVE_CHUNKS);
    const insert = b.ownSqlite.prepare(INSERT);
    const t0 = performance.now();
    for (const row of data) insert.run(...row);
    return NAIVE_CHUNKS / ((performance.now() - t0) / 1000);
  } finally {
    b.cleanup();
  }
}

export async function run(): Promise<boolean> {
  const samples = { one: [] as number[], many: [] as number[], raw: [] as number[], naive: [] as number[] };
  await engineRun(1); // warm-up (JIT), not counted
  for (let r = 0; r < ROUNDS; r++) {
    samples.one.push(await engineRun(1));
    samples.raw.push(rawCeilingRun());
    samples.many.push(await engineRun(32));
    samples.naive.push(naiveRun());
  }
  const chunksPerSec = median(samples.one);
  const rawCeilingPerSec = median(samples.raw);
  const naivePerSec = median(samples.naive);
  const result = {
    chunksPerSec: round(chunksPerSec),
    chunksPerSec32: round(median(samples.many)),
    rawCeilingPerSec: round(rawCeilingPerSec),
    naivePerSec: round(naivePerSec),
    ratioToCeiling: round(chunksPerSec / rawCeilingPerSec, 3),
    ratioToNaive: round(chunksPerSec / naivePerSec, 1),
    method:
      `${CHUNKS} chunks of 20-byte text deltas per engine run (1 stream; 32 streams × ${CHUNKS / 32}), ` +
      'producers append as fast as backpressure allows, timed until a durable subscriber saw the last seq ' +
      `of every stream; engine alone (no MessageWriter), default options (commit per turn). Raw ceiling: ${CHUNKS} ` +
      `precomputed rows, prepared INSERT, 1000-row transactions; naive: ${NAIVE_CHUNKS} autocommit INSERTs. ` +
      `Fresh file per run (WAL, synchronous=NORMAL, as the app opens it); median of ${ROUNDS} interleaved rounds.`,
    samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((x) => round(x))])),
  };
  return report('ingest', result, [
    { label: 'engine ≥ 50% of the raw better-sqlite3 ceiling', met: result.ratioToCeiling >= 0.5 },
    { label: 'engine ≥ 5× the naive autocommit baseline', met: chunksPerSec >= 5 * naivePerSec },
  ]);
}

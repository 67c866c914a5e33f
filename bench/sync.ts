/**
 * sync: the two figures issue 21 asks for, through a real throwaway PostgreSQL.
 *
 * 1. Initial sync of a 100 000-chunk library (100 replies of 1 000 chunks): the push
 *    from the first device and the pull into an empty second one, each in chunks/s and
 *    as a ratio to a plain bulk insert of the same chunks' JSON into the same server
 *    (multi-row INSERTs of 1 000 rows in one transaction), measured in the same run.
 * 2. Live follow at 50 tokens/s: a reply streams on device A (the app's commit policy);
 *    A's sync runs on its own connection (as `spool sync` beside the app does), B's on
 *    B's; a reader of B's library sees each chunk arrive. Lag = arrival on B − commit
 *    on A, same process clock, p50/p99 over the reply's chunks.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../electron/core/db/openDatabase';
import { CHAT_COMMIT_POLICY } from '../electron/core/SpoolCore';
import { readChunks } from '../electron/core/stream/chunkRows';
import { openSync } from '../electron/core/sync/SyncEngine';
import { runSyncLoop } from '../electron/core/sync/SyncLoop';
import { startPgCluster, pgUnavailableReason, type PgCluster } from '../tests/helpers/pgCluster';
import { report } from './lib/results';
import { benchDb, delta20, durableUntil, median, round } from './lib/setup';

const STREAMS = 100;
const PER_STREAM = 1000;
const FOLLOW_TOKENS = 250;

export async function run(): Promise<boolean> {
  const why = pgUnavailableReason();
  if (why) {
    console.log(`sync bench skipped: ${why}`);
    return true;
  }
  const cluster = await startPgCluster();
  try {
    const initial = await initialSync(cluster);
    const follow = await liveFollow(cluster);
    const result = {
      ...initial,
      ...follow,
      method:
        `Initial: ${STREAMS} finished replies × ${PER_STREAM} chunks (20-byte text deltas) pushed by one library ` +
        `and pulled by an empty one (SyncEngine.syncOnce, sealed blocks), against a plain bulk insert of the ` +
        `same chunks' JSON (1 000-row INSERTs, one transaction) into the same server in the same run. ` +
        `Follow: ${FOLLOW_TOKENS} tokens at 50/s with the app's commit policy on A; A and B each sync on ` +
        `their own connection (SyncLoop: NOTIFY and data_version); a reader of B polls every 5 ms. Lag = ` +
        `first seen in B's library − committed on A.`,
    };
    return report('sync', result, [
      { label: 'live follow p99 ≤ 1 000 ms at 50 tokens/s', met: follow.followP99Ms <= 1000 },
    ]);
  } finally {
    cluster.stop();
  }
}

async function initialSync(cluster: PgCluster) {
  const a = benchDb();
  const b = benchDb();
  try {
    const engine = a.engine();
    for (let s = 0; s < STREAMS; s++) {
      const handle = engine.start({ messageId: a.newMessage() });
      const done = durableUntil(engine, handle.id, PER_STREAM - 1);
      for (let i = 0; i < PER_STREAM - 1; i++) {
        const room = handle.append(delta20(i));
        if (room) await room;
      }
      await handle.complete('stop');
      await done;
    }
    const url = await cluster.createDatabase();
    const onA = await openSync({ db: a.ownSqlite, url, passphrase: 'bench', newDeviceId: () => 'A' });
    let t0 = performance.now();
    const pushed = await onA.engine.syncOnce();
    const pushMs = performance.now() - t0;
    const onB = await openSync({ db: b.ownSqlite, url, passphrase: 'bench', newDeviceId: () => 'B' });
    t0 = performance.now();
    const pulled = await onB.engine.syncOnce();
    const pullMs = performance.now() - t0;
    await onA.server.close();
    await onB.server.close();
    if (pushed.pushedChunks !== STREAMS * PER_STREAM || pulled.pulledChunks !== STREAMS * PER_STREAM) {
      throw new Error(`sync moved ${pushed.pushedChunks} / ${pulled.pulledChunks} chunks`);
    }
    const bulkMs = await bulkInsert(url, a.ownSqlite);
    const chunks = STREAMS * PER_STREAM;
    return {
      chunks,
      pushChunksPerSec: round(chunks / (pushMs / 1000)),
      pullChunksPerSec: round(chunks / (pullMs / 1000)),
      bulkChunksPerSec: round(chunks / (bulkMs / 1000)),
      pushRatioToBulk: round(bulkMs / pushMs, 3),
      pullRatioToBulk: round(bulkMs / pullMs, 3),
    };
  } finally {
    a.cleanup();
    b.cleanup();
  }
}

async function bulkInsert(url: string, db: Database): Promise<number> {
  const rows = db
    .prepare('SELECT stream_id, seq, payload FROM chunks ORDER BY stream_id, seq')
    .raw()
    .all() as [string, number, string][];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TABLE bulk_baseline (stream_id text, seq integer, body bytea, PRIMARY KEY (stream_id, seq))',
  );
  const t0 = performance.now();
  await client.query('BEGIN');
  for (let i = 0; i < rows.length; i += 1000) {
    const page = rows.slice(i, i + 1000);
    const values = page.map((_, j) => `($${j * 3 + 1}, $${j * 3 + 2}, $${j * 3 + 3})`).join(', ');
    await client.query(
      `INSERT INTO bulk_baseline VALUES ${values}`,
      page.flatMap(([s, q, p]) => [s, q, Buffer.from(p)]),
    );
  }
  await client.query('COMMIT');
  const ms = performance.now() - t0;
  await client.end();
  return ms;
}

async function liveFollow(cluster: PgCluster) {
  const a = benchDb();
  const b = benchDb();
  const abort = new AbortController();
  const loops: Promise<void>[] = [];
  try {
    const url = await cluster.createDatabase();
    // Each side's sync on a connection of its own, as the separate `spool sync` process has.
    const aSyncDb = openDatabase({ file: path.join(a.dir, 'spool.db') }).db;
    const bSyncDb = openDatabase({ file: path.join(b.dir, 'spool.db') }).db;
    for (const [db, id] of [
      [aSyncDb, 'A'],
      [bSyncDb, 'B'],
    ] as const) {
      const { engine, server } = await openSync({ db, url, passphrase: 'bench', newDeviceId: () => id });
      await engine.syncOnce();
      loops.push(
        runSyncLoop({ db, engine, server, signal: abort.signal, onStatus: () => {} }).finally(() =>
          server.close(),
        ),
      );
    }
    const engine = a.engine(CHAT_COMMIT_POLICY);
    const handle = engine.start({ messageId: a.newMessage() });
    const committedAt = new Map<number, number>();
    engine.subscribe(handle.id, -1, (items, info) => {
      if (!info.durable) return;
      const t = performance.now();
      for (const it of items) if (!committedAt.has(it.seq)) committedAt.set(it.seq, t);
    });
    const seenAt = new Map<number, number>();
    const reader = setInterval(() => {
      const after = seenAt.size - 1;
      const t = performance.now();
      for (const c of readChunks(b.ownSqlite, handle.id, after, 1000))
        if (!seenAt.has(c.seq)) seenAt.set(c.seq, t);
    }, 5);
    for (let i = 0; i < FOLLOW_TOKENS; i++) {
      const room = handle.append(delta20(i));
      if (room) await room;
      await new Promise((r) => setTimeout(r, 20));
    }
    await handle.complete('stop');
    const last = FOLLOW_TOKENS;
    const deadline = performance.now() + 30_000;
    while (!seenAt.has(last) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    clearInterval(reader);
    const lags = [...seenAt].map(([seq, t]) => t - committedAt.get(seq)!).sort((x, y) => x - y);
    if (lags.length !== FOLLOW_TOKENS + 1)
      throw new Error(`B saw ${lags.length} of ${FOLLOW_TOKENS + 1} chunks`);
    abort.abort();
    await Promise.all(loops);
    aSyncDb.close();
    bSyncDb.close();
    return {
      followChunks: lags.length,
      followP50Ms: round(median(lags), 1),
      followP99Ms: round(lags[Math.floor(lags.length * 0.99)]!, 1),
      followMaxMs: round(lags[lags.length - 1]!, 1),
    };
  } finally {
    abort.abort();
    await Promise.allSettled(loops);
    a.cleanup();
    b.cleanup();
  }
}

/**
 * Three devices live: three data folders, each with its own `spool sync` process, a
 * reply streaming at 50 tokens/s from `spool chat` on the first. The other two follow it
 * while it streams — every chunk in seq order, none missing, none twice, most of them
 * before the reply ends — woken by NOTIFY on one LISTEN connection each. How far behind
 * they are is a figure, not a test: `npm run bench -- sync` measures the lag (p50/p99).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit';
import { databasePath } from '../../../electron/core/paths';
import { readChunks } from '../../../electron/core/stream/chunkRows';
import { SYNC_CHANNEL } from '../../../electron/core/sync/SyncServer';
import { usePgCluster } from '../../helpers/pgCluster';
import { waitFor } from '../../helpers/waitFor';
import { startSpool, tempDir, useFakeProvider, type Running } from './helpers';

const postgres = usePgCluster('sync follow test');
const skip = postgres.skip;
const fake = useFakeProvider();

const TOKENS = 100;
const env = { SPOOL_SYNC_PASSPHRASE: 'three of us' };

/** When each seq of a stream was first seen in one library, and whether it ever arrived out of order. */
class Watcher {
  readonly seenAt = new Map<number, number>();
  outOfOrder: string[] = [];
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(databasePath(dataDir), { readonly: true });
  }

  poll(streamId: string, now: number): void {
    const last = this.seenAt.size - 1;
    for (const c of readChunks(this.db, streamId, last, 10_000)) {
      if (c.seq !== this.seenAt.size) this.outOfOrder.push(`seq ${c.seq} after ${this.seenAt.size - 1}`);
      if (!this.seenAt.has(c.seq)) this.seenAt.set(c.seq, now);
    }
  }

  /** Every seq of the stream, as its rows hold them (a duplicate row would show twice). */
  seqs(streamId: string): number[] {
    return readChunks(this.db, streamId, -1, 100_000).map((c) => c.seq);
  }

  close(): void {
    this.db.close();
  }
}

async function listeners(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const r = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query = $1',
    [`LISTEN ${SYNC_CHANNEL}`],
  );
  await client.end();
  return Number(r.rows[0]!.n);
}

describe.skipIf(skip)('three devices following a reply live', () => {
  test('a reply streaming at 50 tokens/s on one device reaches the other two in seq order while it streams', async () => {
    const url = await postgres.get().createDatabase();
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const syncs: Running[] = [];
    for (const dir of [a, b, c]) {
      const run = startSpool(['sync', '--database-url', url, '--data-dir', dir], { env });
      syncs.push(run);
      await waitFor(() => run.stderr().includes('syncing until interrupted'), 'sync to start', 60_000);
    }
    // One LISTEN connection per device, no polling. A process says it is syncing a moment
    // before its listener has issued LISTEN, so the count is read until it settles.
    let listening = 0;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      listening = await listeners(url);
      if (listening >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(listening).toBe(3);
    const watchers = [a, b, c].map((dir) => new Watcher(dir));
    const chat = startSpool([
      'chat',
      '--data-dir',
      a,
      ...fake.chatArgs(`script:long?tokens=${TOKENS}&tps=50`),
      'stream to everyone',
    ]);
    let streamId: string | undefined;
    let endedAt = Infinity;
    const status = new Database(databasePath(a), { readonly: true });
    const finalSeq = () =>
      status
        .prepare("SELECT last_seq FROM streams WHERE id = ? AND status != 'streaming'")
        .pluck()
        .get(streamId) as number | undefined;
    await waitFor(
      () => {
        const now = performance.now();
        streamId ??= status.prepare('SELECT id FROM streams LIMIT 1').pluck().get() as string | undefined;
        if (!streamId) return false;
        for (const w of watchers) w.poll(streamId, now);
        const last = finalSeq();
        if (last !== undefined && endedAt === Infinity) endedAt = now;
        return last !== undefined && watchers.every((w) => w.seenAt.has(last));
      },
      'every device to hold the whole reply',
      60_000,
    );
    expect((await chat.exited).code).toBe(0);
    const last = finalSeq()!;
    expect(last).toBeGreaterThanOrEqual(TOKENS);
    for (const follower of watchers.slice(1)) {
      expect(follower.outOfOrder).toEqual([]);
      expect(follower.seqs(streamId!)).toEqual([...Array(last + 1).keys()]);
      // Followed while streaming, not caught up afterwards: most of it arrived before the reply ended.
      const during = [...follower.seenAt.values()].filter((t) => t < endedAt).length;
      expect(during, `${during} of ${last + 1} chunks arrived before the reply ended`).toBeGreaterThan(
        last / 2,
      );
    }
    for (const w of watchers) w.close();
    status.close();
    for (const run of syncs) run.child.kill('SIGINT');
    for (const run of syncs) expect((await run.exited).code).toBe(EXIT.interrupted);
  }, 120_000);
});

/**
 * `spool sync` as a user runs it: real child processes on separate data folders, a
 * real throwaway PostgreSQL cluster between them.
 */
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit';
import { usePgCluster } from '../../helpers/pgCluster';
import { listJson, spool, startSpool, tempDir, useFakeProvider } from './helpers';
import { waitFor } from '../../helpers/waitFor';

const postgres = usePgCluster('spool sync tests');
const skip = postgres.skip;
const fake = useFakeProvider();

const env = (passphrase: string) => ({ SPOOL_SYNC_PASSPHRASE: passphrase });

describe.skipIf(skip)('spool sync', () => {
  test('--once carries a reply to another data folder, where it exports byte-identical', async () => {
    const url = await postgres.get().createDatabase();
    const a = tempDir();
    const b = tempDir();
    expect(
      (await spool(['chat', '--data-dir', a, ...fake.chatArgs('script:hello'), 'hello there'])).code,
    ).toBe(0);
    const pushed = await spool(['sync', '--database-url', url, '--once', '--data-dir', a], {
      env: env('s3cret'),
    });
    expect(pushed.stderr).toMatch(/synced: pushed \d+ record\(s\) and [1-9]\d* chunk\(s\)/);
    expect(pushed.code).toBe(0);
    expect(
      (await spool(['sync', '--database-url', url, '--once', '--data-dir', b], { env: env('s3cret') })).code,
    ).toBe(0);
    const [conversation] = (await listJson(b)).conversations;
    const reply = conversation!.messages.find((m) => m.role === 'assistant')!;
    for (const format of ['text', 'raw']) {
      const there = await spool(['export', reply.id, '--format', format, '--data-dir', b]);
      const here = await spool(['export', reply.id, '--format', format, '--data-dir', a]);
      expect(there.code).toBe(0);
      expect(there.stdout.equals(here.stdout)).toBe(true);
    }
  }, 90_000);

  test('a wrong passphrase exits 10 and says so', async () => {
    const url = await postgres.get().createDatabase();
    const a = tempDir();
    const b = tempDir();
    await spool(['sync', '--database-url', url, '--once', '--data-dir', a], { env: env('first') });
    const run = await spool(['sync', '--database-url', url, '--once', '--data-dir', b], {
      env: env('second'),
    });
    expect(run.code).toBe(EXIT.syncRefused);
    expect(run.stderr).toContain('does not unlock');
  }, 60_000);

  test('a server that cannot be reached exits 11 with the reason', async () => {
    const run = await spool(
      ['sync', '--database-url', 'postgres://nobody@127.0.0.1:1/none', '--once', '--data-dir', tempDir()],
      { env: env('x') },
    );
    expect(run.code).toBe(EXIT.syncOffline);
    expect(run.stderr).toContain('cannot reach the sync server');
  }, 60_000);

  test('without --once it keeps pulling what another device pushes, until interrupted', async () => {
    const url = await postgres.get().createDatabase();
    const a = tempDir();
    const b = tempDir();
    const follower = startSpool(['sync', '--database-url', url, '--data-dir', b], { env: env('k') });
    await waitFor(
      () => follower.stderr().includes('syncing until interrupted'),
      'the follower to start',
      30_000,
    );
    await spool(['chat', '--data-dir', a, ...fake.chatArgs('script:hello'), 'ping']);
    await spool(['sync', '--database-url', url, '--once', '--data-dir', a], { env: env('k') });
    await waitFor(() => /pulled [1-9]/.test(follower.stderr()), 'the follower to pull the reply', 30_000);
    follower.child.kill('SIGINT');
    const done = await follower.exited;
    expect(done.code).toBe(EXIT.interrupted);
    const listed = await listJson(b);
    expect(listed.conversations).toHaveLength(1);
  }, 90_000);
});

describe.skipIf(skip)('spool sync killed mid-way', () => {
  test('SIGKILLed mid-push and mid-pull, it resumes with every chunk on the server once and identical exports', async () => {
    const url = await postgres.get().createDatabase();
    const a = tempDir();
    const b = tempDir();
    for (const prompt of ['one', 'two', 'three']) {
      expect((await spool(['chat', '--data-dir', a, ...fake.chatArgs('script:long'), prompt])).code).toBe(0);
    }
    const args = (dir: string) => ['sync', '--database-url', url, '--once', '--data-dir', dir];
    for (const [dir, delays] of [
      [a, [150, 400, 700]],
      [b, [150, 400, 700]],
    ] as const) {
      for (const ms of delays) {
        const run = startSpool(args(dir), { env: env('kill') });
        await new Promise((r) => setTimeout(r, ms));
        run.child.kill('SIGKILL');
        await run.exited;
      }
      expect((await spool(args(dir), { env: env('kill') })).code).toBe(0);
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const ranges = await client.query<{ stream_id: string; first_seq: number; last_seq: number }>(
      'SELECT stream_id, first_seq, last_seq FROM spool_chunks ORDER BY stream_id, first_seq',
    );
    await client.end();
    // Blocks of a stream tile its seqs exactly: no overlap (a duplicate), no hole.
    const next = new Map<string, number>();
    for (const r of ranges.rows) {
      expect(r.first_seq).toBe(next.get(r.stream_id) ?? 0);
      next.set(r.stream_id, r.last_seq + 1);
    }
    const replies = (await listJson(a)).conversations.flatMap((c) =>
      c.messages.filter((m) => m.role === 'assistant'),
    );
    expect(replies).toHaveLength(3);
    for (const reply of replies) {
      const there = await spool(['export', reply.id, '--format', 'raw', '--data-dir', b]);
      const here = await spool(['export', reply.id, '--format', 'raw', '--data-dir', a]);
      expect(there.code).toBe(0);
      expect(there.stdout.equals(here.stdout)).toBe(true);
    }
  }, 180_000);
});

import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { databasePath } from '../../../electron/core/paths';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';
import { checkAfterRecovery, type CheckInput } from '../../torture/checkLog';
import { randomSeed } from '../../torture/random';
import { FAILURE_FIELDS, runTorture } from '../../torture/torture';
import { captureCoreConnection, coreConnection } from '../../helpers/libraryDb';

/**
 * Only a hang should reach this: 20 cycles took 65–145 s on the 2-core machine shared
 * with other work, and nothing in the check depends on how long.
 */
const HANG_TIMEOUT_MS = 900_000;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

function dataDir(): string {
  const { dir, cleanup } = makeTempDir('spool-crash-');
  cleanups.push(cleanup);
  return dir;
}

describe('§3.3 §3.7 a writer killed with SIGKILL loses nothing a subscriber saw, in any version', () => {
  test(
    'twenty SIGKILLs amid sends, regenerates, edits, continues and version switches: file intact, no gap, nothing published lost, snapshots equal the log, streams interrupted, every tree whole',
    async () => {
      const seed = process.env.TORTURE_SEED ? Number(process.env.TORTURE_SEED) : randomSeed();
      const summary = await runTorture({ dataDir: dataDir(), kills: 20, seed });
      const context = `seed ${seed} (replay: TORTURE_SEED=${seed}); first problems:\n${summary.problems.join('\n')}`;
      // The run must have exercised something, or it proves nothing.
      expect(summary.publishedSeqs, context).toBeGreaterThan(0);
      expect(summary.interruptedStreams, context).toBeGreaterThan(0);
      const { regenerate = 0, edit = 0, continue: continued = 0 } = summary.operations;
      expect(regenerate + edit + continued, context).toBeGreaterThan(0);
      expect(summary.compactedStreams, context).toBeGreaterThan(0);
      const failures = Object.fromEntries(FAILURE_FIELDS.map((f) => [f, summary[f]]));
      expect(failures, context).toEqual(Object.fromEntries(FAILURE_FIELDS.map((f) => [f, 0])));
    },
    HANG_TIMEOUT_MS,
  );
});

/** What a check is held to: published seqs, and optionally the tree expectations. */
function input(
  instanceId: string,
  published: [string, number[]][],
  tree: Partial<Pick<CheckInput, 'shown' | 'known'>> = {},
): CheckInput {
  return {
    instanceId,
    published: new Map(published.map(([id, seqs]) => [id, new Set(seqs)])),
    shown: tree.shown ?? new Map(),
    known: tree.known ?? new Set(),
  };
}

describe('the crash check itself', () => {
  const owner = 'writer-under-test';

  /**
   * A real stream of text-start and these deltas, cut off (no end) and recovered: the
   * state the check starts from. Given a message, a new stream of it (as Continue).
   */
  async function cutStream(
    dir: string,
    deltas: string[],
    messageId?: string,
  ): Promise<{ streamId: string; messageId: string }> {
    const core = SpoolCore.open({
      dataDir: dir,
      mode: 'test',
      instanceId: owner,
      log: () => {},
      testHooks: captureCoreConnection,
    });
    const id =
      messageId ??
      core.messages.insert({
        conversationId: core.conversations.create('check').id,
        role: 'assistant',
        status: 'streaming',
      }).id;
    const handle = core.engine.start({ messageId: id });
    handle.append({ type: 'text-start', id: 't' });
    for (const d of deltas) handle.append({ type: 'text-delta', id: 't', delta: d });
    core.engine.flush();
    core.writer.flushAll();
    // Vanish without ending the stream, like a killed process; the next open recovers it.
    core.engine.close();
    core.instance.stop();
    coreConnection(core).close();
    await SpoolCore.open({ dataDir: dir, mode: 'test', log: () => {} }).close();
    return { streamId: handle.id, messageId: id };
  }

  const recoveredStream = (dir: string) => cutStream(dir, ['a', 'é', '日本', '🧵']);

  test('passes a recovered stream whose every reported seq is in the log', async () => {
    const dir = dataDir();
    const { streamId } = await recoveredStream(dir);
    const check = checkAfterRecovery(dir, input(owner, [[streamId, [0, 1, 2, 3, 4]]]));
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ streams: 1, chunks: 5, interrupted: 1 });
  });

  test('counts a hole in the log, a published seq that is not there, and a snapshot that disagrees', async () => {
    const dir = dataDir();
    const { streamId } = await recoveredStream(dir);
    const db = new BetterSqlite3(databasePath(dir));
    db.prepare('DELETE FROM chunks WHERE stream_id = ? AND seq = 2').run(streamId);
    db.prepare("UPDATE messages SET parts = '[]' WHERE stream_id = ?").run(streamId);
    db.close();
    const check = checkAfterRecovery(dir, input(owner, [[streamId, [0, 1, 2, 3, 4, 5]]]));
    expect(check).toMatchObject({
      gaps: 1,
      publishedButLost: 2,
      snapshotMismatches: 1,
      integrityFailures: 0,
    });
  });

  test('takes a continued reply from all its streams in start order, and counts a snapshot of the last one only', async () => {
    const dir = dataDir();
    const first = await cutStream(dir, ['a', 'é']);
    const second = await cutStream(dir, ['日本', '🧵'], first.messageId);
    const published = input(owner, [
      [first.streamId, [0, 1, 2]],
      [second.streamId, [0, 1, 2]],
    ]);
    expect(checkAfterRecovery(dir, published).problems).toEqual([]);
    const db = new BetterSqlite3(databasePath(dir));
    db.prepare('UPDATE messages SET parts = ? WHERE id = ?').run(
      JSON.stringify([{ type: 'text', text: '日本🧵' }]),
      first.messageId,
    );
    db.close();
    expect(checkAfterRecovery(dir, published).snapshotMismatches).toBe(1);
  });

  test('counts a stream left streaming and a published stream missing from the database', async () => {
    const dir = dataDir();
    const { streamId } = await recoveredStream(dir);
    const db = new BetterSqlite3(databasePath(dir));
    db.prepare("UPDATE streams SET status = 'streaming' WHERE id = ?").run(streamId);
    db.close();
    const check = checkAfterRecovery(dir, input(owner, [['no-such-stream', [0, 1]]]));
    expect(check.statusMismatches).toBeGreaterThanOrEqual(1);
    expect(check.publishedButLost).toBe(2);
  });
});

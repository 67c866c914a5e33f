/**
 * The observation hook benchmarks are given (`SpoolCoreOptions.observe`): a real SpoolCore
 * on a temp dir, replies from the real fake provider, driven through the typed client; the
 * library file, read on a connection of the test's own, is the oracle.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import type { CommitObservation, CompactionObservation } from '../../../electron/core/stream/types';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { libraryDb } from '../../helpers/libraryDb';
import { makeTempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';
import { addProvider, openCore, type TestCore } from '../chat/helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

const open: { t: TestCore; cleanup: () => void }[] = [];
afterEach(async () => {
  for (const { t, cleanup } of open.splice(0)) {
    await t.core.close();
    cleanup();
    expect(t.recorded.internalErrors).toEqual([]);
  }
});

async function openWith(options: Partial<SpoolCoreOptions>): Promise<TestCore> {
  const tmp = makeTempDir('spool-observe-');
  const t = openCore(tmp.dir, undefined, options);
  open.push({ t, cleanup: tmp.cleanup });
  await addProvider(t, fake.url, { defaultModel: 'script:long?tokens=60' });
  return t;
}

/** Sends a message and waits, as a window does, for the reply's final `message.updated`. */
async function reply(t: TestCore): Promise<{ streamId: string; messageId: string }> {
  const { id } = await t.ok<Conversation>('conversations.create', {});
  const sent = await t.client.call('chat.send', { conversationId: id, text: 'Tell me a story.' });
  if (!sent.ok) throw new Error(sent.error.message);
  const { message, streamId } = sent.data.reply;
  await waitFor(
    () =>
      t.recorded.events.some(
        (e) =>
          e.name === 'message.updated' &&
          e.payload.message.id === message.id &&
          e.payload.message.status !== 'streaming',
      ),
    'the reply to end',
  );
  return { streamId, messageId: message.id };
}

describe('the observation hook', () => {
  test('reports every group commit with its time, the chunks and text deltas it made durable, and their bytes', async () => {
    const commits: CommitObservation[] = [];
    const t = await openWith({ observe: { onCommit: (c) => commits.push(c) } });
    const { streamId } = await reply(t);
    const stored = libraryDb(t.core)
      .prepare<[string], { chunks: number; textDeltas: number; bytes: number }>(
        `SELECT COUNT(*) AS chunks, SUM(type = 'text-delta') AS textDeltas,
                SUM(length(CAST(payload AS BLOB))) AS bytes
           FROM chunks WHERE stream_id = ? AND part = 0`,
      )
      .get(streamId)!;
    expect(stored.textDeltas).toBeGreaterThanOrEqual(60);
    const sum = (f: (c: CommitObservation) => number) => commits.reduce((n, c) => n + f(c), 0);
    expect({
      chunks: sum((c) => c.chunks),
      textDeltas: sum((c) => c.textDeltas),
      bytes: sum((c) => c.payloadBytes),
    }).toEqual(stored);
    expect(commits.every((c) => c.ms > 0)).toBe(true);
  });

  test('reports a finished stream once it is compacted, with the time its transaction took', async () => {
    const compactions: (CompactionObservation & { packedWhenTold: boolean })[] = [];
    const opened: { t?: TestCore } = {};
    // Read inside the callback: what the library file holds when the hook is told.
    const packed = (streamId: string) =>
      libraryDb(opened.t!.core)
        .prepare('SELECT 1 FROM packed_streams p JOIN streams s ON s.no = p.no WHERE s.id = ?')
        .get(streamId) !== undefined;
    const t = (opened.t = await openWith({
      compaction: { idleMs: 0, maxWaitMs: 0 },
      observe: { onCompacted: (c) => compactions.push({ ...c, packedWhenTold: packed(c.streamId) }) },
    }));
    const { streamId } = await reply(t);
    const told = await waitFor(() => compactions.find((c) => c.streamId === streamId), 'the compaction');
    expect(told.packedWhenTold).toBe(true);
    expect(told.ms).toBeGreaterThan(0);
  });

  test('an observer that throws on a commit is reported, and the reply is still stored whole', async () => {
    let told = 0;
    const t = await openWith({
      observe: {
        onCommit: () => {
          told++;
          throw new Error('observer broke');
        },
      },
    });
    const { messageId } = await reply(t);
    const stored = await t.ok<{ status: string; parts: { type: string; text?: string }[] }>('messages.get', {
      id: messageId,
    });
    expect(stored.status).toBe('complete');
    expect(told).toBeGreaterThan(0);
    const where = t.recorded.internalErrors.map((e) => e.where);
    expect(new Set(where)).toEqual(new Set(['observe.onCommit']));
    t.recorded.internalErrors.length = 0;
  });

  test('an observer that throws on a compaction is reported, and compaction goes on to the next stream', async () => {
    const compacted: string[] = [];
    const t = await openWith({
      compaction: { idleMs: 0, maxWaitMs: 0 },
      observe: {
        onCompacted: (c) => {
          compacted.push(c.streamId);
          throw new Error('observer broke');
        },
      },
    });
    const first = await reply(t);
    await waitFor(() => compacted.includes(first.streamId), 'the first compaction');
    const second = await reply(t);
    await waitFor(() => compacted.includes(second.streamId), 'the second compaction');
    expect(new Set(t.recorded.internalErrors.map((e) => e.where))).toEqual(new Set(['observe.onCompacted']));
    t.recorded.internalErrors.length = 0;
  });
});

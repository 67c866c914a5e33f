import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { ApiEvents, ApiEventMessage } from '../../../shared/api/events';
import { apiEventSchemas } from '../../../shared/api/eventSchemas';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { delta } from '../stream/helpers';
import { waitFor } from '../../helpers/waitFor';
import { makeTempDir } from '../../helpers/tempDir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function openCore() {
  const { dir } = makeTempDir('spool-durable-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = SpoolCore.open({
    dataDir: dir,
    mode: 'test',
    log: () => {},
    engine: { commitBusyTimeoutMs: 10, retryInitialMs: 2, retryMaxMs: 20 },
  });
  cleanups.push(() => core.close());
  const events: ApiEventMessage[] = [];
  const client = core.connect((e) => events.push(e));
  const chunkEvents = () =>
    events
      .filter((e) => e.name === 'stream.chunks')
      .map((e) => apiEventSchemas['stream.chunks'].parse(e.payload) as ApiEvents['stream.chunks']);
  return { core, client, chunkEvents };
}

async function streamingReply(core: SpoolCore) {
  const conversationId = core.conversations.create('chat').id;
  const messageId = core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
  return core.engine.start({ messageId });
}

describe('stream.chunks durability', () => {
  test('stream.chunks carries no undurableFrom while storage works', async () => {
    const { core, client, chunkEvents } = openCore();
    const stream = await streamingReply(core);
    expect((await client.call('streams.subscribe', { streamId: stream.id, afterSeq: -1 })).ok).toBe(true);
    stream.append(delta('a'));
    stream.append(delta('b'));
    await waitFor(() => chunkEvents().flatMap((e) => e.items).length === 2);
    expect(chunkEvents().every((e) => !('undurableFrom' in e))).toBe(true);
  });

  test('stream.chunks names the first not-durable seq per stream while the log cannot commit', async () => {
    const { core, client, chunkEvents } = openCore();
    const stream = await streamingReply(core);
    expect((await client.call('streams.subscribe', { streamId: stream.id, afterSeq: -1 })).ok).toBe(true);
    stream.append(delta('saved'));
    await waitFor(() => chunkEvents().length === 1);
    const locker = new BetterSqlite3(core.info.dbPath);
    cleanups.push(() => locker.open && locker.close());
    locker.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 3; i++) stream.append(delta(`live${i}`));
    await waitFor(() => chunkEvents().flatMap((e) => e.items).length === 4, 'live while locked');
    const undurable = chunkEvents().slice(1);
    expect(undurable.every((e) => e.undurableFrom?.[stream.id] === e.items[0]!.seq)).toBe(true);
    expect(undurable[0]!.undurableFrom).toEqual({ [stream.id]: 1 });
    locker.exec('COMMIT');
  });
});

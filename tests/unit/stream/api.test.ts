import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { ApiEventMessage, MessageMeta } from '../../../shared/api/events';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ChunkItem } from '../../../shared/chunks';
import { SpoolCore, type SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { delta, manualClock, range, sequentialIds } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { makeTempDir } from '../../helpers/tempDir';
import { libraryDb } from '../../helpers/libraryDb';

const dirs: string[] = [];
const cores: SpoolCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function openCore(dataDir?: string, options: Partial<SpoolCoreOptions> = {}) {
  const dir = dataDir ?? makeTempDir('spool-core-').dir;
  if (!dataDir) dirs.push(dir);
  const lines: string[] = [];
  const core = SpoolCore.open({
    dataDir: dir,
    mode: 'test',
    clock: manualClock(),
    newId: sequentialIds(`x${cores.length}-${Math.random().toString(36).slice(2, 6)}`),
    log: (line) => lines.push(line),
    onInternalError: (err) => {
      throw err;
    },
    ...options,
  });
  cores.push(core);
  return { core, dir, lines };
}

function client(core: SpoolCore) {
  const events: ApiEventMessage[] = [];
  const c = core.connect((e) => events.push(e));
  const chunkEvents = () =>
    events.filter((e) => e.name === 'stream.chunks').map((e) => e.payload as { items: ChunkItem[] });
  const items = () => chunkEvents().flatMap((p) => p.items);
  const updates = () =>
    events
      .filter((e) => e.name === 'message.updated')
      .map((e) => (e.payload as { message: MessageMeta }).message);
  return { c, events, chunkEvents, items, updates };
}

function newReply(core: SpoolCore) {
  const conversationId = core.conversations.create('chat').id;
  const messageId = core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
  return { conversationId, messageId };
}

const text = (m: Message) => m.parts.map((p) => ('text' in p ? p.text : '')).join('');

describe('streams API', () => {
  test('live-only events reach a subscribed window as stream.live and never enter the chunk log', async () => {
    const { core } = openCore();
    const { messageId } = newReply(core);
    const handle = core.engine.start({ messageId });
    const { c, events } = client(core);
    expect((await c.call('streams.subscribe', { streamId: handle.id, afterSeq: -1 })).ok).toBe(true);
    const retry = {
      type: 'retry',
      retry: 1,
      maxRetries: 3,
      delayMs: 500,
      code: 'rate_limit',
      errorText: 'slow down',
    };
    core.engine.publishLive(handle.id, retry);
    await waitFor(() => events.some((e) => e.name === 'stream.live'));
    expect(events.find((e) => e.name === 'stream.live')?.payload).toEqual({
      streamId: handle.id,
      event: retry,
    });
    expect(core.engine.read(handle.id, -1, 100)).toEqual([]);
  });

  test('streams.subscribe delivers one stream.chunks event per commit batch, items {streamId, seq, chunk}', async () => {
    const { core } = openCore();
    const w = client(core);
    const { messageId } = newReply(core);
    const s = core.engine.start({ messageId });
    const reply = await w.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 });
    expect(reply).toMatchObject({ ok: true });
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 10; i++) s.append(delta(`${i}`));
    s.append({ type: 'raw', value: 'provider bytes' });
    await waitFor(() => w.items().length === 11);
    expect(w.chunkEvents()).toHaveLength(1);
    expect(w.items()[0]).toEqual({ streamId: s.id, seq: 0, chunk: delta('0') });
    expect(JSON.stringify(w.items())).not.toContain('provider bytes');
  });

  test('§3.5 a reloaded window re-subscribes with afterSeq -1 or its last seq and is whole again', async () => {
    const { core } = openCore();
    const { messageId, conversationId } = newReply(core);
    const s = core.engine.start({ messageId });
    s.append({ type: 'text-start', id: 't1' });
    for (let i = 0; i < 30; i++) s.append(delta(`${i} `));
    const first = client(core);
    await first.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 });
    await waitFor(() => first.items().length === 31);
    first.c.dispose(); // the window reloads
    for (let i = 30; i < 40; i++) s.append(delta(`${i} `));
    const reloaded = client(core);
    const listed = await reloaded.c.call('messages.list', { conversationId });
    const message = (listed as { ok: true; data: Message[] }).data[0]!;
    await reloaded.c.call('streams.subscribe', { streamId: s.id, afterSeq: message.snapshotSeq });
    const resumed = client(core);
    await resumed.c.call('streams.subscribe', { streamId: s.id, afterSeq: 20 });
    s.complete();
    await waitFor(
      () =>
        reloaded.items().at(-1)?.chunk.type === 'finish' && resumed.items().at(-1)?.chunk.type === 'finish',
    );
    expect(reloaded.items().map((i) => i.seq)).toEqual(range(message.snapshotSeq + 1, 42));
    expect(resumed.items().map((i) => i.seq)).toEqual(range(21, 42));
    const final = core.messages.get(messageId);
    expect(text(final)).toBe(
      range(0, 40)
        .map((i) => `${i} `)
        .join(''),
    );
  });

  test('re-subscribing the same stream from the same client replaces the previous subscription', async () => {
    const { core } = openCore();
    const w = client(core);
    const s = core.engine.start({ messageId: newReply(core).messageId });
    await w.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 });
    await w.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 });
    await new Promise((r) => setImmediate(r));
    s.append(delta('once'));
    await waitFor(() => w.items().length >= 1);
    await new Promise((r) => setImmediate(r));
    expect(w.items().map((i) => i.seq)).toEqual([0]);
  });

  test('a disposed client gets nothing more; unsubscribe is idempotent; an unknown stream is NOT_FOUND', async () => {
    const { core } = openCore();
    const w = client(core);
    const s = core.engine.start({ messageId: newReply(core).messageId });
    const sub = (await w.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 })) as {
      ok: true;
      data: { subscriptionId: string };
    };
    expect(await w.c.call('streams.unsubscribe', sub.data)).toEqual({ ok: true, data: sub.data });
    expect(await w.c.call('streams.unsubscribe', sub.data)).toEqual({ ok: true, data: sub.data });
    const missing = await w.c.call('streams.subscribe', { streamId: 'nope', afterSeq: -1 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const other = client(core);
    await other.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 });
    other.c.dispose();
    s.append(delta('x'));
    core.engine.flush();
    await new Promise((r) => setImmediate(r));
    expect(w.items()).toEqual([]);
    expect(other.items()).toEqual([]);
  });

  test('message.updated is broadcast by the writer with the final status and seq, the text only as chunks', async () => {
    const { core } = openCore();
    const w = client(core);
    const { messageId } = newReply(core);
    const s = core.engine.start({ messageId });
    await w.c.call('streams.subscribe', { streamId: s.id, afterSeq: -1 });
    s.append(delta('done'));
    s.complete();
    await waitFor(() => w.updates().at(-1)?.status === 'complete');
    expect(w.updates().map((m) => [m.status, m.snapshotSeq])).toEqual([
      ['streaming', -1],
      ['complete', 1],
    ]);
    expect(w.updates().every((m) => !('parts' in m))).toBe(true);
    await waitFor(() => w.items().length === 2);
    expect(w.items().map((i) => i.chunk)).toEqual([delta('done'), { type: 'finish' }]);
    expect(text(core.messages.get(messageId))).toBe('done');
  });
});

describe('SpoolCore wiring', () => {
  test('§3.7 open runs recovery, logs one line and serves recovery.report; close interrupts its own live streams', async () => {
    const first = openCore();
    const { messageId } = newReply(first.core);
    const s = first.core.engine.start({ messageId });
    s.append({ type: 'text-start', id: 't1' });
    s.append(delta('kept across restarts'));
    await first.core.close();

    const second = openCore(first.dir);
    expect(second.lines.filter((l) => l.includes('recovery'))).toHaveLength(1);
    const w = client(second.core);
    const report = await w.c.call('recovery.report', {});
    expect(report).toMatchObject({ ok: true, data: { streamsInterrupted: 0, messagesRebuilt: 0 } });
    expect(second.core.messages.get(messageId)).toMatchObject({ status: 'interrupted', error: null });
    expect(text(second.core.messages.get(messageId))).toBe('kept across restarts');
    const streamStatus = libraryDb(second.core)
      .prepare('SELECT status FROM streams WHERE id = ?')
      .pluck()
      .get(s.id);
    expect(streamStatus).toBe('interrupted');
  });

  test('§3.7 a stream left streaming by a vanished process is interrupted at the next open', async () => {
    const first = openCore();
    const { messageId } = newReply(first.core);
    const s = first.core.engine.start({ messageId });
    s.append(delta('before the crash'));
    first.core.engine.flush();
    // Simulate SIGKILL: no close(), the instance row claims a pid that does not exist.
    libraryDb(first.core)
      .prepare('UPDATE instances SET pid = 2147483646 WHERE id = ?')
      .run(first.core.instance.id);
    first.core.instance.stop = () => {};
    first.core.engine.interruptAll = () => 0;
    first.core.engine.flush = () => true;
    first.core.writer.flushAll = () => {};
    await first.core.close();

    const second = openCore(first.dir);
    const w = client(second.core);
    const report = await w.c.call('recovery.report', {});
    expect(report).toMatchObject({ ok: true, data: { streamsInterrupted: 1, messagesRebuilt: 1 } });
    expect(second.core.messages.get(messageId)).toMatchObject({ status: 'interrupted' });
    expect(text(second.core.messages.get(messageId))).toBe('before the crash');
  });
});

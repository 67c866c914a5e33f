import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { Stats } from '../../../shared/api/schemas/stats';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled, textOf } from '../chat/helpers';
import { crashMidStream, openLibrary, type LibraryTest } from '../library/helpers';
import { waitFor } from '../../helpers/waitFor';
import { coreConnection, libraryDb } from '../../helpers/libraryDb';

const DAY = 86_400_000;
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(async () => {
  await t.cleanup();
});

const stats = (lib = t) => lib.ok<Stats>('stats.get', { sinceMs: DAY });

/** A library talking to the fake provider; `reply(model)` sends one message and waits until the reply ended. */
async function chat(baseUrl = fake.url) {
  t = openLibrary();
  const providerId = await addProvider(t, baseUrl, { defaultModel: 'script:hello' });
  const conversationId = t.core.conversations.create('counted').id;
  const send = (model: string) =>
    t.ok<SentMessage>('chat.send', { conversationId, text: 'hi', providerId, model });
  const reply = async (model: string) => settled(t.core, (await send(model)).reply.message.id);
  return { providerId, send, reply };
}

describe('local counters, each moved by the fault that should move it', () => {
  it('counts streams started and completed, with time to first chunk and chunks/s for the provider and model', async () => {
    const { providerId, reply } = await chat();
    await reply('script:hello?tps=200');
    await reply('script:hello?tps=200');
    const s = await stats();
    expect(s.streams).toMatchObject({ started: 2, completed: 2, errored: 0 });
    const perf = s.performance.find((p) => p.model === 'script:hello?tps=200')!;
    expect(perf).toMatchObject({ provider: providerId, streams: 2 });
    expect(perf.timeToFirstChunkMs.samples).toBe(2);
    expect(perf.chunksPerSec.samples).toBe(2);
    expect(perf.chunksPerSec.p50).toBeGreaterThan(0);
    expect(s.persistence.committed).toBeGreaterThan(0);
    expect(s.persistence.rate).toBe(1);
    expect(s.timeline.buckets.reduce((n, d) => n + d.completed, 0)).toBe(2);
  });

  it('counts provider errors by class, every failed attempt: 5xx and 429 four times (three retries), 401 and malformed once', async () => {
    const { reply } = await chat();
    await reply('script:http-500');
    await reply('script:http-429');
    await reply('script:http-401');
    await reply('script:malformed-after-2');
    const s = await stats();
    expect(s.streams.errored).toBe(4);
    expect(s.providerErrors).toMatchObject({ server: 4, rate_limit: 4, auth: 1, malformed: 1 });
  });

  it('counts a 429 that a retry overcame: the 429 counter moves by one and the reply completes', async () => {
    const { reply } = await chat();
    const before = (await stats()).providerErrors.rate_limit;
    const message = await reply('script:http-429?times=1&text=Overcome.');
    expect(message.status).toBe('complete');
    expect(textOf(message)).toBe('Overcome.');
    expect(fake.requests.filter((r) => r.model === 'script:http-429?times=1&text=Overcome.')).toHaveLength(2);
    const s = await stats();
    expect(s.providerErrors.rate_limit).toBe(before + 1);
    expect(s.streams).toMatchObject({ started: 1, completed: 1, errored: 0 });
  });

  it('counts first-chunk and idle timeouts', async () => {
    const { reply } = await chat();
    await t.ok('settings.set', { patch: { firstChunkTimeoutMs: 1000, idleTimeoutMs: 1000 } });
    await reply('script:stall-after-0');
    await reply('script:stall-after-2');
    const s = await stats();
    expect(s.providerErrors).toMatchObject({ first_chunk_timeout: 1, idle_timeout: 1 });
  });

  it('counts a provider that cannot be reached as a connect error, each attempt', async () => {
    const { reply } = await chat('http://127.0.0.1:9');
    await reply('any-model');
    // The first attempt and its three retries.
    expect((await stats()).providerErrors.connect).toBe(4);
  });

  it('counts a connection dropped mid-reply as connection lost, not as failing to connect', async () => {
    const { reply } = await chat();
    await reply('script:cut-after-5');
    expect((await stats()).providerErrors).toMatchObject({ connection_lost: 1, connect: 0 });
  });

  it('counts a reply stopped by the user as cancelled', async () => {
    const { send } = await chat();
    const { reply } = await send('script:long?tps=40');
    await waitFor(() => textOf(t.core.messages.get(reply.message.id)).length > 5, 'some text');
    await t.ok('chat.stop', { messageId: reply.message.id });
    expect((await stats()).streams).toMatchObject({ started: 1, cancelled: 1 });
  });

  it('counts a replay served to a window: how many, how many chunks', async () => {
    const { reply } = await chat();
    const message = await reply('script:hello');
    await t.ok('streams.subscribe', { streamId: message.streamId, afterSeq: -1 });
    const replays = libraryDb(t.core).prepare("SELECT COUNT(*) FROM counters WHERE name = 'replay'").pluck();
    await waitFor(() => (replays.get() as number) > 0, 'the replay to be counted');
    const s = await stats();
    expect(s.replays.count).toBe(1);
    expect(s.replays.chunks).toBeGreaterThan(0);
    expect(s.replays.timeToComplete.samples).toBe(1);
  });

  it('counts a storage failure by SQLite code and how long it took to recover', async () => {
    const { send } = await chat();
    const { reply } = await send('script:long?tokens=400&tps=200');
    const { core } = t;
    await waitFor(() => textOf(core.messages.get(reply.message.id)).length > 10, 'some text');
    const pages = coreConnection(core).pragma('page_count', { simple: true }) as number;
    coreConnection(core).pragma(`max_page_count = ${pages}`);
    try {
      await waitFor(() => core.engine.storageFault !== null, 'the storage failure');
    } finally {
      coreConnection(core).pragma('max_page_count = 1073741823');
    }
    await waitFor(() => core.engine.storageFault === null, 'storage to recover');
    await settled(core, reply.message.id);
    const failure = (await stats()).storageFailures.find((f) => f.code === 'SQLITE_FULL');
    expect(failure).toMatchObject({ count: 1, recovered: 1 });
    expect(failure!.timeToRecoverMs.samples).toBe(1);
  });

  it('counts a launch recovery after a crash: streams interrupted, messages rebuilt', async () => {
    t = openLibrary({ debounceMs: 60_000 });
    crashMidStream(t);
    const second = await t.reopen();
    const after = await stats(second as LibraryTest);
    expect(after.recoveries).toEqual({ runs: 1, messagesRebuilt: 1, streamsInterrupted: 1 });
    expect(after.streams).toMatchObject({ started: 1, interrupted: 1 });
  });

  it('charts the last 24 hours by hour and longer periods by day, each bucket starting on its boundary', async () => {
    const { reply } = await chat();
    await reply('script:hello');
    const HOUR = 3_600_000;
    const day = await stats();
    expect(day.timeline.bucket).toBe('hour');
    expect(day.timeline.buckets.length).toBeGreaterThanOrEqual(24);
    expect(day.timeline.buckets.length).toBeLessThanOrEqual(25);
    expect(day.timeline.buckets.every((b) => b.start % HOUR === 0)).toBe(true);
    expect(day.timeline.buckets.at(-1)!.completed).toBe(1);
    const week = await t.ok<Stats>('stats.get', { sinceMs: 7 * DAY });
    expect(week.timeline.bucket).toBe('day');
    expect(week.timeline.buckets.length).toBe(8);
    expect(week.timeline.buckets.every((b) => b.start % DAY === 0)).toBe(true);
    expect(week.timeline.buckets.at(-1)!.completed).toBe(1);
  });

  it('answers a bad period with a typed error', async () => {
    t = openLibrary();
    expect(await t.call('stats.get', { sinceMs: -1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });
});

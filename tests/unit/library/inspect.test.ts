import { afterEach, describe, expect, it } from 'vitest';
import type { ApiReply } from '../../../shared/api/contract';
import { downsample } from '../../../electron/core/library/inspectStreams';
import { manualClock } from '../stream/helpers';
import { openLibrary, text, type LibraryTest } from './helpers';

let t: LibraryTest;
afterEach(() => t.cleanup());

type Inspection = ApiReply<'streams.inspect'>;
const inspect = (messageId: string) => t.ok<Inspection>('streams.inspect', { messageId });

function streamingReply(): string {
  const conversationId = t.core.conversations.create('inspected').id;
  t.core.messages.insert({ conversationId, role: 'user', parts: [{ type: 'text', text: 'q' }] });
  return t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
}

describe('streams.inspect', () => {
  it('measures a stream with known timings: first chunk, rates, stalls, commit batches', async () => {
    const clock = manualClock();
    t = openLibrary({ clock });
    const messageId = streamingReply();
    const handle = t.core.engine.start({ messageId, provider: 'p1', model: 'm1' });
    clock.advance(300);
    void handle.append(text('Hel'));
    void handle.append(text('lo')); // same turn, same ms: one commit
    t.core.engine.flush();
    clock.advance(100);
    await handle.append({ type: 'raw', value: { event: 'ping' } });
    await handle.append(text(' wor'));
    t.core.engine.flush();
    clock.advance(3000); // a stall
    await handle.append(text('ld'));
    t.core.engine.flush();
    clock.advance(100);
    await handle.complete();
    t.core.engine.flush();

    const { streams, history } = await inspect(messageId);
    expect(streams).toHaveLength(1);
    const s = streams[0]!;
    expect(s).toMatchObject({
      status: 'complete',
      provider: 'p1',
      model: 'm1',
      chunks: 5, // four text deltas and the finish
      rawEvents: 1,
      timeToFirstChunkMs: 300,
      durationMs: 3500,
      chunksPerSec: 1.6, // 5 chunks from the first (300 ms) to the last (3500 ms)
      tokensPerSec: 1.3, // 4 text deltas over the same 3.2 s
      stalls: [{ fromMs: 400, toMs: 3400 }],
      commitBatches: { source: 'recorded', count: 4, largest: 2 },
    });
    expect(s.arrivals.map((a) => [a.tMs, a.n, a.type])).toEqual([
      [300, 1, 'text-delta'],
      [300, 2, 'text-delta'],
      [400, 3, 'text-delta'],
      [3400, 4, 'text-delta'],
      [3500, 5, 'finish'],
    ]);
    expect(s.bytes).toBeGreaterThan(0);
    expect(history.map((h) => h.kind)).toEqual(['started', 'finished']);
  });

  it('infers commit batches from equal arrival times for streams written by an earlier run', async () => {
    const clock = manualClock();
    t = openLibrary({ clock });
    const messageId = streamingReply();
    const handle = t.core.engine.start({ messageId });
    clock.advance(50);
    void handle.append(text('a'));
    void handle.append(text('b'));
    clock.advance(50);
    await handle.append(text('c'));
    clock.advance(50);
    await handle.complete();
    t.core.engine.flush();
    const reopened = await t.reopen({ clock });
    const { streams } = await reopened.ok<Inspection>('streams.inspect', { messageId });
    expect(streams[0]!.commitBatches).toEqual({ source: 'inferred', count: 3, largest: 2 });
  });

  it('tells the story of a reply interrupted, continued and finished', async () => {
    const clock = manualClock();
    t = openLibrary({ clock });
    const messageId = streamingReply();
    const first = t.core.engine.start({ messageId });
    clock.advance(10);
    await first.append(text('part one'));
    clock.advance(10);
    first.interrupt();
    t.core.engine.flush();
    clock.advance(1000);
    const second = t.core.engine.start({ messageId });
    clock.advance(10);
    await second.append(text(' and two'));
    await second.complete();
    t.core.engine.flush();

    const { streams, history } = await inspect(messageId);
    expect(streams.map((s) => s.status)).toEqual(['interrupted', 'complete']);
    expect(history.map((h) => h.kind)).toEqual(['started', 'interrupted', 'continued', 'finished']);
    expect(history[2]!.streamId).toBe(streams[1]!.streamId);
  });

  it('says a stopped reply was stopped and a failed one failed, in the provider’s words', async () => {
    t = openLibrary();
    const stopped = streamingReply();
    await t.core.engine.start({ messageId: stopped }).cancel();
    const failed = streamingReply();
    await t.core.engine.start({ messageId: failed }).fail({ code: 'provider', message: 'model overloaded' });
    t.core.engine.flush();
    expect((await inspect(stopped)).history.map((h) => h.kind)).toEqual(['started', 'stopped']);
    expect((await inspect(failed)).history.at(-1)).toMatchObject({
      kind: 'failed',
      detail: 'model overloaded',
    });
  });

  it('answers NOT_FOUND for an unknown message', async () => {
    t = openLibrary();
    expect(await t.call('streams.inspect', { messageId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('arrival downsampling', () => {
  it('keeps at most 2000 points, the first and the last among them', () => {
    const points = Array.from({ length: 20_000 }, (_, i) => ({
      tMs: i,
      seq: i,
      n: i + 1,
      bytes: 1,
      type: 'text-delta',
    }));
    const kept = downsample(points);
    expect(kept).toHaveLength(2000);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    expect(kept.every((p, i) => i === 0 || p.n > kept[i - 1]!.n)).toBe(true);
  });
});

/** The renderer's stream store (DESIGN.md §3.5): idempotent by seq, gap → one replay, one update per batch. */
import { describe, expect, it } from 'vitest';
import { applyChunks, emptySnapshot } from '../../../shared/reduce';
import { selectSnapshot } from '../../../renderer/src/stream/hooks';
import { createStreamStore } from '../../../renderer/src/stream/streamStore';
import { FakeMain, textOf, textReply } from './fakeMain';

const words = (n: number, prefix = 'w'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i} `);

function setUp() {
  const main = new FakeMain();
  const streams = createStreamStore(main, { onError: (err) => errors.push(err) });
  const errors: unknown[] = [];
  return { main, streams, errors, text: (messageId: string) => textOf(streams.snapshotOf(messageId)?.parts) };
}

describe('the stream store', () => {
  it('subscribes from -1 with an empty snapshot when a stream is tracked', async () => {
    const { main, streams } = setUp();
    await streams.track('s1', 'm1');
    expect(main.subscribes()).toEqual([{ streamId: 's1', afterSeq: -1 }]);
    expect(streams.snapshotOf('m1')).toEqual(emptySnapshot());
  });

  it('ignores items it has already applied, so duplicated batches are harmless', async () => {
    const { main, streams, text } = setUp();
    await streams.track('s1', 'm1');
    const items = main.append('s1', textReply(['a', 'b', 'c']));
    main.deliver(items.slice(0, 4));
    main.deliver(items.slice(2));
    main.deliver(items);
    expect(text('m1')).toBe('abc');
    expect(streams.store.getState().streams.s1?.lastSeq).toBe(items.length - 1);
    expect(main.subscribes()).toHaveLength(1);
  });

  it('asks for exactly one replay after the last applied seq when it sees a gap, and ends with the exact text', async () => {
    const { main, streams, text } = setUp();
    await streams.track('s1', 'm1');
    const items = main.append('s1', textReply(words(10)));
    main.deliver(items.slice(0, 3)); // seq 0..2
    main.deliver(items.slice(5, 7)); // seq 3, 4 lost: a gap
    main.deliver(items.slice(7, 9)); // leftovers of the old subscription: no second request
    expect(main.subscribes('s1').slice(1)).toEqual([{ streamId: 's1', afterSeq: 2 }]);
    expect(text('m1')).toBe('w0 ');

    main.deliver(main.replay('s1', 2));
    expect(text('m1')).toBe(words(10).join(''));
    expect(main.subscribes()).toHaveLength(2);
  });

  it('treats out-of-order items in one batch as a gap and still ends with the exact text', async () => {
    const { main, streams, text } = setUp();
    await streams.track('s1', 'm1');
    const items = main.append('s1', textReply(words(3)));
    main.deliver([items[0]!, items[2]!, items[1]!, items[3]!]);
    expect(main.subscribes().slice(1)).toEqual([{ streamId: 's1', afterSeq: 0 }]);
    main.deliver(main.replay('s1', 0));
    expect(text('m1')).toBe('w0 w1 w2 ');
    expect(main.subscribes()).toHaveLength(2);
  });

  it('applies a replay of 20,000 chunks as ONE store update', async () => {
    const { main, streams, text } = setUp();
    const many = words(19_997);
    const items = main.append('s1', textReply(many));
    expect(items).toHaveLength(20_000);
    await streams.track('s1', 'm1');
    let notifications = 0;
    streams.store.subscribe(() => notifications++);
    main.deliver(main.replay('s1', -1));
    expect(notifications).toBe(1);
    expect(text('m1')).toBe(many.join(''));
  });

  it('keeps two streams side by side independent, a gap in one replaying only that one', async () => {
    const { main, streams, text } = setUp();
    await streams.track('a', 'ma');
    await streams.track('b', 'mb');
    const a = main.append('a', textReply(words(6, 'a')));
    const b = main.append('b', textReply(words(6, 'b')));
    main.deliver(a.flatMap((item, i) => (i === 3 ? [b[i]!] : [item, b[i]!].filter(Boolean))));
    expect(main.subscribes().slice(2)).toEqual([{ streamId: 'a', afterSeq: 2 }]);
    expect(text('mb')).toBe(words(6, 'b').join(''));
    main.deliver(main.replay('a', 2));
    expect(text('ma')).toBe(words(6, 'a').join(''));
    expect(text('mb')).toBe(words(6, 'b').join(''));
  });

  it('leaves the other message’s snapshot object untouched, so only the streaming message re-renders', async () => {
    const { main, streams } = setUp();
    await streams.track('a', 'ma');
    await streams.track('b', 'mb');
    main.deliver(main.append('b', textReply(['x'])));
    const selectB = selectSnapshot('mb');
    const before = selectB(streams.store.getState());
    main.deliver(main.append('a', textReply(['y'])));
    expect(selectB(streams.store.getState())).toBe(before);
    expect(selectSnapshot('ma')(streams.store.getState())).not.toBe(undefined);
  });

  it('resumes on top of stored parts and snapshotSeq with the same text as a replay from -1', async () => {
    const { main, streams, text } = setUp();
    const items = main.append('s1', textReply(words(8)));
    const snapshotSeq = 4;
    const stored = JSON.parse(
      JSON.stringify(
        applyChunks(
          emptySnapshot(),
          items.slice(0, snapshotSeq + 1).map((i) => i.chunk),
        ),
      ),
    );
    await streams.track('s1', 'm1', snapshotSeq, stored);
    expect(main.subscribes()).toEqual([{ streamId: 's1', afterSeq: snapshotSeq }]);
    main.deliver(main.replay('s1', snapshotSeq));
    expect(text('m1')).toBe(words(8).join(''));
    expect(streams.snapshotOf('m1')).toEqual(
      applyChunks(
        emptySnapshot(),
        items.map((i) => i.chunk),
      ),
    );
  });

  it('replays from -1 when given a seq without the parts it stands for', async () => {
    const { main, streams } = setUp();
    await streams.track('s1', 'm1', 7);
    expect(main.subscribes()).toEqual([{ streamId: 's1', afterSeq: -1 }]);
  });

  it('asks again at the next gap when a replay request failed', async () => {
    const { main, streams, errors, text } = setUp();
    await streams.track('s1', 'm1');
    const items = main.append('s1', textReply(words(6)));
    main.deliver(items.slice(0, 2));
    main.failWith = new Error('reconnecting');
    main.deliver(items.slice(3, 4));
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(1);
    main.failWith = null;
    main.deliver(items.slice(4, 5));
    expect(main.subscribes().slice(1)).toEqual([
      { streamId: 's1', afterSeq: 1 },
      { streamId: 's1', afterSeq: 1 },
    ]);
    main.deliver(main.replay('s1', 1));
    expect(text('m1')).toBe(words(6).join(''));
  });

  it('ignores items of streams it does not track', async () => {
    const { main, streams } = setUp();
    let notifications = 0;
    streams.store.subscribe(() => notifications++);
    main.deliver(main.append('other', textReply(['x'])));
    expect(notifications).toBe(0);
    expect(main.subscribes()).toHaveLength(0);
  });

  it('moves a message to its new stream on Continue and lets the old subscription go', async () => {
    const { main, streams, text } = setUp();
    await streams.track('old', 'm1');
    main.deliver(main.append('old', textReply(['first'])));
    await streams.track('new', 'm1');
    main.deliver(main.append('old', [{ type: 'text-delta', id: 't', delta: 'stale' }]));
    main.deliver(main.append('new', textReply(['second'])));
    expect(text('m1')).toBe('second');
    expect(Object.keys(streams.store.getState().streams)).toEqual(['new']);
    expect(main.calls.filter((c) => c.channel === 'streams.unsubscribe')).toEqual([
      { channel: 'streams.unsubscribe', request: { subscriptionId: 'sub-1' } },
    ]);
  });

  it('unsubscribes and forgets a stream on untrack', async () => {
    const { main, streams } = setUp();
    await streams.track('s1', 'm1');
    await streams.untrack('s1');
    expect(streams.snapshotOf('m1')).toBeUndefined();
    expect(main.calls.at(-1)).toEqual({
      channel: 'streams.unsubscribe',
      request: { subscriptionId: 'sub-1' },
    });
  });
});

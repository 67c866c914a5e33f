/**
 * Chunk batches reach the screen at most once per animation frame: the scheduler
 * collapses requests into one flush per frame (a timer standing in while a hidden
 * window gets no frames), and the stream store applies everything that arrived
 * between two frames in one store update, gaps and all.
 */
import { describe, expect, it } from 'vitest';
import { frameScheduler, type FlushScheduler } from '../../../renderer/src/stream/frameScheduler';
import { createStreamStore } from '../../../renderer/src/stream/streamStore';
import { FakeMain, textOf, textReply } from '../renderer-stream/fakeMain';

/** Frames and timers that run only when the test says so. */
function manualClock() {
  const frames = new Map<number, () => void>();
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    options: {
      requestFrame: (cb: () => void) => (frames.set(++next, cb), next),
      cancelFrame: (id: number) => void frames.delete(id),
      setTimer: (cb: () => void) => (timers.set(++next, cb), next),
      clearTimer: (id: unknown) => void timers.delete(id as number),
    },
    frame() {
      const due = [...frames.values()];
      frames.clear();
      due.forEach((cb) => cb());
    },
    timeout() {
      const due = [...timers.values()];
      timers.clear();
      due.forEach((cb) => cb());
    },
    pending: () => frames.size + timers.size,
  };
}

/** A scheduler that holds the flush until `frame()`. */
function heldScheduler(): { schedule: FlushScheduler; frame(): void } {
  let held: (() => void) | null = null;
  return {
    schedule: (flush) => void (held = flush),
    frame: () => {
      const flush = held;
      held = null;
      flush?.();
    },
  };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i} `);

describe('the frame scheduler', () => {
  it('runs many requests made before a frame as one flush in that frame', () => {
    const clock = manualClock();
    const schedule = frameScheduler(clock.options);
    let runs = 0;
    for (let i = 0; i < 50; i++) schedule(() => runs++);
    expect(runs).toBe(0);
    clock.frame();
    expect(runs).toBe(1);
    expect(clock.pending()).toBe(0); // the fallback timer was cancelled
  });

  it('flushes on its timer when no frame comes, as in a hidden window, and the late frame adds nothing', () => {
    const clock = manualClock();
    const schedule = frameScheduler(clock.options);
    let runs = 0;
    schedule(() => runs++);
    clock.timeout();
    expect(runs).toBe(1);
    clock.frame();
    expect(runs).toBe(1);
  });

  it('asks for a new frame after a flush', () => {
    const clock = manualClock();
    const schedule = frameScheduler(clock.options);
    let runs = 0;
    schedule(() => runs++);
    clock.frame();
    schedule(() => runs++);
    clock.frame();
    expect(runs).toBe(2);
  });
});

describe('the stream store on frames', () => {
  it('applies every batch that arrived between two frames in one store update', async () => {
    const main = new FakeMain();
    const held = heldScheduler();
    const streams = createStreamStore(main, { schedule: held.schedule });
    await streams.track('s1', 'm1');
    let updates = 0;
    streams.store.subscribe(() => updates++);

    const items = main.append('s1', textReply(words(30)));
    for (const item of items) main.deliver([item]); // one batch per chunk, as at 1 000 chunks/s
    expect(updates).toBe(0);
    held.frame();
    expect(updates).toBe(1);
    expect(textOf(streams.snapshotOf('m1')?.parts)).toBe(words(30).join(''));
  });

  it('applies a 20,000-chunk replay sent in many pages as one update', async () => {
    const main = new FakeMain();
    const held = heldScheduler();
    const streams = createStreamStore(main, { schedule: held.schedule });
    await streams.track('s1', 'm1');
    let updates = 0;
    streams.store.subscribe(() => updates++);

    const items = main.append('s1', textReply(words(20_000)));
    for (let i = 0; i < items.length; i += 500) main.deliver(items.slice(i, i + 500));
    held.frame();
    expect(updates).toBe(1);
    expect(streams.store.getState().streams.s1?.lastSeq).toBe(items.length - 1);
  });

  it('still asks for one replay when buffered batches hold a gap, and ends with the exact text', async () => {
    const main = new FakeMain();
    const held = heldScheduler();
    const streams = createStreamStore(main, { schedule: held.schedule });
    await streams.track('s1', 'm1');
    const items = main.append('s1', textReply(words(10)));
    main.deliver(items.slice(0, 3));
    main.deliver(items.slice(5, 8)); // 3 and 4 lost
    held.frame();
    expect(main.subscribes('s1').slice(1)).toEqual([{ streamId: 's1', afterSeq: 2 }]);

    main.deliver(main.replay('s1', 2));
    held.frame();
    expect(textOf(streams.snapshotOf('m1')?.parts)).toBe(words(10).join(''));
  });

  it('flush() applies what is buffered without waiting for the frame', async () => {
    const main = new FakeMain();
    const held = heldScheduler();
    const streams = createStreamStore(main, { schedule: held.schedule });
    await streams.track('s1', 'm1');
    main.deliver(main.append('s1', textReply(['a', 'b'])));
    streams.flush();
    expect(textOf(streams.snapshotOf('m1')?.parts)).toBe('ab');
  });
});

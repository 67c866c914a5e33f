import { describe, expect, it } from 'vitest';
import { createQuitSequence, QUIT_TIMEOUT_MS, type QuitOutcome } from '../../../electron/main/quit';

/** A timer the test fires by hand: no waiting on the clock. */
function manualTimer() {
  const pending: { fn: () => void; ms: number }[] = [];
  return { pending, setTimer: (fn: () => void, ms: number) => pending.push({ fn, ms }) };
}

function setup(close: () => Promise<void>) {
  const order: string[] = [];
  const timer = manualTimer();
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const outcomes: QuitOutcome[] = [];
  const quit = createQuitSequence({
    flushAll: () => order.push('flushAll'),
    close: () => {
      order.push('close');
      return close();
    },
    exit: (code) => {
      order.push(`exit ${code}`);
      resolveExit(code);
    },
    onOutcome: (outcome) => outcomes.push(outcome),
    setTimer: timer.setTimer,
  });
  return { quit, order, timer, exited, outcomes };
}

describe('the graceful quit', () => {
  it('flushes, then closes the core, then exits with 0', async () => {
    const { quit, order, exited, outcomes } = setup(() => Promise.resolve());
    expect(quit()).toBe(true);
    expect(await exited).toBe(0);
    expect(order).toEqual(['flushAll', 'close', 'exit 0']);
    expect(outcomes).toEqual(['closed']);
  });

  it('runs once, however often the app asks to quit', async () => {
    const { quit, order, exited } = setup(() => Promise.resolve());
    expect(quit()).toBe(true);
    expect(quit()).toBe(false);
    await exited;
    expect(quit()).toBe(false);
    expect(order.filter((s) => s === 'close')).toHaveLength(1);
  });

  it('exits anyway when the close does not finish within the bounded wait', async () => {
    const { quit, timer, exited, outcomes } = setup(() => new Promise<void>(() => undefined));
    quit();
    expect(timer.pending.map((t) => t.ms)).toEqual([QUIT_TIMEOUT_MS]);
    timer.pending[0]!.fn();
    expect(await exited).toBe(1);
    expect(outcomes).toEqual(['timed-out']);
  });

  it('exits with 1 when the close fails', async () => {
    const { quit, exited, outcomes } = setup(() => Promise.reject(new Error('disk gone')));
    quit();
    expect(await exited).toBe(1);
    expect(outcomes).toEqual(['failed']);
  });
});

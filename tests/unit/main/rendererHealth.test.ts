import { EventEmitter } from 'node:events';
import type { RenderProcessGoneDetails } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  CRASH_LOOP_LIMIT,
  CRASH_LOOP_WINDOW_MS,
  watchRendererHealth,
  type WatchedContents,
} from '../../../electron/main/rendererHealth';

/** The members of WebContents the watcher uses, recording what it did. */
class FakeContents extends EventEmitter {
  actions: string[] = [];
  destroyed = false;
  reload() {
    this.actions.push('reload');
  }
  forcefullyCrashRenderer() {
    this.actions.push('crash');
  }
  isDestroyed() {
    return this.destroyed;
  }
  gone(reason: RenderProcessGoneDetails['reason']) {
    this.emit('render-process-gone', {}, { reason, exitCode: 1 });
  }
}

function watch(options: { answer?: boolean } = {}) {
  const contents = new FakeContents();
  let now = 0;
  const asked: number[] = [];
  const loops: RenderProcessGoneDetails[] = [];
  let answer!: (reload: boolean) => void;
  watchRendererHealth(contents as unknown as WatchedContents, {
    askToReloadHungPage: () => {
      asked.push(now);
      return options.answer === undefined
        ? new Promise<boolean>((resolve) => (answer = resolve))
        : Promise.resolve(options.answer);
    },
    reportCrashLoop: (details) => loops.push(details),
    log: { warn: () => undefined, error: () => undefined },
    now: () => now,
  });
  return {
    contents,
    asked,
    loops,
    answer: (reload: boolean) => answer(reload),
    advance: (ms: number) => (now += ms),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('watchRendererHealth', () => {
  it('reloads a window whose renderer crashed, so it re-subscribes and replays', () => {
    const { contents } = watch();
    contents.gone('crashed');
    expect(contents.actions).toEqual(['reload']);
  });

  it('does not reload a page that exited cleanly or a window being destroyed', () => {
    const { contents } = watch();
    contents.gone('clean-exit');
    contents.destroyed = true;
    contents.gone('crashed');
    expect(contents.actions).toEqual([]);
  });

  it('stops reloading a page that keeps crashing, and tells the user', () => {
    const { contents, loops } = watch();
    for (let i = 0; i <= CRASH_LOOP_LIMIT; i++) contents.gone('crashed');
    expect(contents.actions).toEqual(Array(CRASH_LOOP_LIMIT).fill('reload'));
    expect(loops).toHaveLength(1);
  });

  it('reloads again once earlier crashes are older than the crash-loop window', () => {
    const { contents, loops, advance } = watch();
    for (let i = 0; i < CRASH_LOOP_LIMIT; i++) contents.gone('oom');
    advance(CRASH_LOOP_WINDOW_MS + 1);
    contents.gone('oom');
    expect(contents.actions).toHaveLength(CRASH_LOOP_LIMIT + 1);
    expect(loops).toHaveLength(0);
  });

  it('offers a hung page a reload, and on yes ends the renderer and reloads once', async () => {
    const { contents, asked } = watch({ answer: true });
    contents.emit('unresponsive');
    await settle();
    expect(asked).toHaveLength(1);
    contents.gone('killed'); // the renderer we ended
    expect(contents.actions).toEqual(['crash', 'reload']);
  });

  it('leaves a hung page alone when the user chooses to wait', async () => {
    const { contents } = watch({ answer: false });
    contents.emit('unresponsive');
    await settle();
    expect(contents.actions).toEqual([]);
  });

  it('asks once while the question is open, however often the page is reported hung', async () => {
    const { contents, asked, answer } = watch();
    contents.emit('unresponsive');
    contents.emit('unresponsive');
    expect(asked).toHaveLength(1);
    answer(false);
    await settle();
    contents.emit('unresponsive');
    expect(asked).toHaveLength(2);
  });
});

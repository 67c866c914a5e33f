/**
 * Runs a flush at most once per animation frame. A hidden window gets no animation
 * frames at all (Chromium stalls rAF in background tabs and minimised windows), so
 * a timer races every frame request: whichever fires first flushes, the other is
 * cancelled. A visible window therefore paints each frame from one store update,
 * and a hidden one still keeps up, just less often.
 */

/** Asks for `flush` to run soon; several requests before it runs collapse into one. */
export type FlushScheduler = (flush: () => void) => void;

export interface FrameSchedulerOptions {
  /** How long a flush may wait when no frame comes (hidden window). Default 100 ms. */
  fallbackMs?: number;
  requestFrame?: (cb: () => void) => number;
  cancelFrame?: (id: number) => void;
  setTimer?: (cb: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
}

/** The frame API where there is one; typed here because Node's type config has no DOM. */
const frames = globalThis as {
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (id: number) => void;
};

export function frameScheduler(options: FrameSchedulerOptions = {}): FlushScheduler {
  const fallbackMs = options.fallbackMs ?? 100;
  const requestFrame = options.requestFrame ?? ((cb) => frames.requestAnimationFrame!(cb));
  const cancelFrame = options.cancelFrame ?? ((id) => frames.cancelAnimationFrame!(id));
  const setTimer = options.setTimer ?? ((cb, ms) => setTimeout(cb, ms));
  const clearTimer = options.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));

  let frame: number | null = null;
  let timer: unknown = null;
  let pending: (() => void) | null = null;

  function run(): void {
    if (frame !== null) cancelFrame(frame);
    if (timer !== null) clearTimer(timer);
    frame = null;
    timer = null;
    const flush = pending;
    pending = null;
    flush?.();
  }

  return (flush) => {
    pending = flush;
    if (frame !== null || timer !== null) return; // one is on its way already
    frame = requestFrame(run);
    timer = setTimer(run, fallbackMs);
  };
}

/** Flushes at once: for plain Node (tests, benchmarks), where there are no frames. */
export const immediateScheduler: FlushScheduler = (flush) => flush();

/** Frames where there are frames, at once elsewhere. */
export function defaultScheduler(): FlushScheduler {
  return typeof frames.requestAnimationFrame === 'function' ? frameScheduler() : immediateScheduler;
}

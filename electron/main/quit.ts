/**
 * The graceful quit (DESIGN.md §3.6): pending chunks and snapshots are written at
 * once, then the core closes — its own live replies end as `interrupted` with
 * every committed chunk kept, the database closes — and the app exits. The close
 * gets QUIT_TIMEOUT_MS: a provider that never answers its abort must not keep
 * Spool from quitting. Exiting then is safe, because whatever was committed is in
 * the WAL, and the next launch finalises any stream left `streaming` (§3.7).
 */
export const QUIT_TIMEOUT_MS = 5_000;

export type QuitOutcome = 'closed' | 'timed-out' | 'failed';

export interface QuitDeps {
  flushAll: () => void;
  close: () => Promise<void>;
  /** Exits the process (app.exit): 0 after a clean close, 1 otherwise. */
  exit: (code: number) => void;
  onOutcome?: (outcome: QuitOutcome, err?: unknown) => void;
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/**
 * Runs the quit once, however often it is asked for (will-quit fires again when
 * the app quits after its own event.preventDefault()). Returns true the first time,
 * when the caller must hold the quit until `exit` is called.
 */
export function createQuitSequence(deps: QuitDeps): () => boolean {
  let started = false;
  return () => {
    if (started) return false;
    started = true;
    void runQuit(deps);
    return true;
  };
}

async function runQuit(deps: QuitDeps): Promise<void> {
  const finish = (outcome: QuitOutcome, err?: unknown) => {
    deps.onOutcome?.(outcome, err);
    deps.exit(outcome === 'closed' ? 0 : 1);
  };
  try {
    // First, synchronously: even if the close below hangs, what arrived is on disk.
    deps.flushAll();
  } catch (err) {
    deps.onOutcome?.('failed', err);
  }
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
  const timedOut = new Promise<'timed-out'>((resolve) =>
    setTimer(() => resolve('timed-out'), deps.timeoutMs ?? QUIT_TIMEOUT_MS),
  );
  try {
    const outcome = await Promise.race([deps.close().then(() => 'closed' as const), timedOut]);
    finish(outcome);
  } catch (err) {
    finish('failed', err);
  }
}

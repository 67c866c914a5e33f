import type { Clock } from '../deps';
import { describeError } from './storageErrors';
import type { StorageFault } from './types';

/** The fault after one more failed commit: an episode keeps the time it began and counts its attempts. */
export function nextFault(previous: StorageFault | null, err: unknown, clock: Clock): StorageFault {
  const { code, message } = describeError(err);
  return {
    code,
    message,
    since: previous === null ? clock.now() : previous.since,
    attempts: (previous?.attempts ?? 0) + 1,
  };
}

/**
 * The retry of a failed commit (§3.10): one timer, its delay doubling from `initialMs`
 * with each failed attempt up to `maxMs`. It does not keep the process alive.
 */
export class CommitRetry {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
    private readonly retry: () => void,
  ) {}

  /** (Re)arms the retry after the `attempts`-th failed attempt of an episode. */
  arm(attempts: number): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(attempts - 1, 20));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.retry();
    }, delay);
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

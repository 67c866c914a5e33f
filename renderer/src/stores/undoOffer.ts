/** The toast offers Undo this long; main keeps what was deleted a little longer (its undo window). */
export const UNDO_TOAST_MS = 8_000;

/**
 * A store's one pending Undo: offering a new one replaces the last, and it is withdrawn
 * after UNDO_TOAST_MS or when taken. `show` puts it into the store's state (null: none);
 * a restore that fails is `report`ed, as the store reports its other failures.
 */
export function undoOffer<T>(
  show: (pending: T | null) => void,
  report: (err: unknown, context: string) => void,
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: T | null = null;
  const withdraw = () => {
    clearTimeout(timer);
    current = null;
    show(null);
  };
  return {
    offer(pending: T) {
      clearTimeout(timer);
      current = pending;
      show(pending);
      timer = setTimeout(withdraw, UNDO_TOAST_MS);
    },
    withdraw,
    /**
     * Undo: withdraws the offer and `restore`s what it offered. Resolves to what was
     * restored, or null when nothing was offered or restoring failed (reported as `failure`).
     */
    async take(restore: (pending: T) => Promise<unknown>, failure: string): Promise<T | null> {
      const pending = current;
      if (pending === null) return null;
      withdraw();
      try {
        await restore(pending);
        return pending;
      } catch (err) {
        report(err, failure);
        return null;
      }
    },
  };
}

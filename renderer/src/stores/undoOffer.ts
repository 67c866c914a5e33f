/** The toast offers Undo this long; main keeps what was deleted a little longer (its undo window). */
export const UNDO_TOAST_MS = 8_000;

/**
 * A store's one pending Undo: offering a new one replaces the last, and it is withdrawn
 * after UNDO_TOAST_MS or when taken. `show` puts it into the store's state (null: none).
 */
export function undoOffer<T>(show: (pending: T | null) => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const withdraw = () => {
    clearTimeout(timer);
    show(null);
  };
  return {
    offer(pending: T) {
      clearTimeout(timer);
      show(pending);
      timer = setTimeout(withdraw, UNDO_TOAST_MS);
    },
    withdraw,
  };
}

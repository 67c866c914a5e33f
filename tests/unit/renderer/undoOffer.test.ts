import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNDO_TOAST_MS, undoOffer } from '../../../renderer/src/stores/undoOffer';

/** What the store's state would show, and what it would report, as an offer goes. */
function offerWatched() {
  const shown: (string | null)[] = [];
  const reported: string[] = [];
  const offer = undoOffer<string>(
    (pending) => shown.push(pending),
    (err, context) => reported.push(`${context}: ${(err as Error).message}`),
  );
  return { offer, shown, reported };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the one pending Undo of a store', () => {
  it('taken, withdraws the offer and restores what it offered', async () => {
    const { offer, shown } = offerWatched();
    const restored: string[] = [];
    offer.offer('deleted chat');
    expect(await offer.take(async (what) => void restored.push(what), 'Could not restore')).toBe(
      'deleted chat',
    );
    expect(restored).toEqual(['deleted chat']);
    expect(shown).toEqual(['deleted chat', null]);
  });

  it('taken with nothing offered, restores nothing', async () => {
    const { offer } = offerWatched();
    const restore = vi.fn(async () => {});
    expect(await offer.take(restore, 'Could not restore')).toBeNull();
    expect(restore).not.toHaveBeenCalled();
  });

  it('taken when restoring fails, reports it under the given words and is withdrawn all the same', async () => {
    const { offer, shown, reported } = offerWatched();
    offer.offer('deleted chat');
    const failed = offer.take(() => Promise.reject(new Error('gone for good')), 'Could not restore');
    expect(await failed).toBeNull();
    expect(reported).toEqual(['Could not restore: gone for good']);
    expect(shown).toEqual(['deleted chat', null]);
    expect(await offer.take(async () => {}, 'Could not restore')).toBeNull();
  });

  it('left alone, is withdrawn after UNDO_TOAST_MS and can no longer be taken', async () => {
    vi.useFakeTimers();
    const { offer, shown } = offerWatched();
    offer.offer('deleted chat');
    vi.advanceTimersByTime(UNDO_TOAST_MS);
    expect(shown).toEqual(['deleted chat', null]);
    expect(await offer.take(async () => {}, 'Could not restore')).toBeNull();
  });
});

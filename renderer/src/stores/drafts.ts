import type { ApiClient } from '../api/client';

/** The composer saves at most this often while you type (main coalesces again before writing). */
export const DRAFT_DEBOUNCE_MS = 300;

/**
 * The composer's text per conversation, saved in main as you type so a reload or a
 * crash does not lose it. Not a zustand store: nothing renders from it; the composer
 * loads a draft when a conversation opens and hands every change here.
 */
export function createDrafts(client: ApiClient, report: (err: unknown, context: string) => void) {
  const timers = new Map<string, { timer: ReturnType<typeof setTimeout>; text: string }>();

  function send(conversationId: string, text: string): Promise<void> {
    return client.call('drafts.set', { conversationId, text }).then(
      () => undefined,
      (err: unknown) => report(err, 'Could not save the draft'),
    );
  }

  function flush(conversationId: string): Promise<void> {
    const pending = timers.get(conversationId);
    if (!pending) return Promise.resolve();
    clearTimeout(pending.timer);
    timers.delete(conversationId);
    return send(conversationId, pending.text);
  }

  return {
    async load(conversationId: string): Promise<string> {
      const pending = timers.get(conversationId);
      if (pending) return pending.text;
      return (await client.call('drafts.get', { conversationId })).text;
    },
    /** Debounced per conversation. */
    save(conversationId: string, text: string): void {
      const pending = timers.get(conversationId);
      if (pending) clearTimeout(pending.timer);
      timers.set(conversationId, {
        text,
        timer: setTimeout(() => void flush(conversationId), DRAFT_DEBOUNCE_MS),
      });
    },
    /** After a successful send: the draft goes now, and no pending save brings it back. */
    clear(conversationId: string): Promise<void> {
      const pending = timers.get(conversationId);
      if (pending) clearTimeout(pending.timer);
      timers.delete(conversationId);
      return send(conversationId, '');
    },
    flush,
    flushAll(): Promise<void> {
      return Promise.all([...timers.keys()].map(flush)).then(() => undefined);
    },
  };
}
export type Drafts = ReturnType<typeof createDrafts>;

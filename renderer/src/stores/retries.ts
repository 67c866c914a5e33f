import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client';

/** The latest retry of a reply's request before its first chunk, in the provider's words. */
export interface RetryNotice {
  retry: number;
  maxRetries: number;
  errorText: string;
}

/**
 * Live-only `stream.live` retry news, per stream: while a reply waits on a provider
 * that answered 429 or 5xx, the user sees why instead of a silent spinner. Kept only
 * until the stream's first chunk makes it moot (the view stops showing it then).
 */
export function createRetriesStore(client: ApiClient) {
  const store = createStore<{ byStream: Readonly<Record<string, RetryNotice>> }>()(() => ({ byStream: {} }));
  client.on('stream.live', ({ streamId, event }) => {
    if (event.type !== 'retry') return;
    const { retry, maxRetries, errorText } = event as RetryNotice & { type: 'retry' };
    store.setState((s) => ({ byStream: { ...s.byStream, [streamId]: { retry, maxRetries, errorText } } }));
  });
  return store;
}
export type RetriesStore = ReturnType<typeof createRetriesStore>;

import { createStore } from 'zustand/vanilla';
import type { ApiReply } from '../../../shared/api/contract';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';

export type Inspection = ApiReply<'streams.inspect'>;

/** While the inspected reply streams, its figures are refreshed at most this often. */
const REFRESH_MS = 500;

export interface InspectorState {
  messageId: string | null;
  inspection: Inspection | null;
  error: string | null;
  open(messageId: string): void;
  close(): void;
}

/** The stream inspector's data: one message's streams, refreshed while that message changes. */
export function createInspectorStore(client: ApiClient) {
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const store = createStore<InspectorState>()((set) => ({
    messageId: null,
    inspection: null,
    error: null,
    open(messageId) {
      set({ messageId, inspection: null, error: null });
      void load(messageId);
    },
    close() {
      clearTimeout(timer);
      timer = undefined;
      asked++;
      set({ messageId: null, inspection: null, error: null });
    },
  }));

  async function load(messageId: string) {
    const ticket = ++asked;
    try {
      const inspection = await client.call('streams.inspect', { messageId });
      if (ticket === asked) store.setState({ inspection, error: null });
    } catch (err) {
      if (ticket === asked) store.setState({ error: describeError(err) });
    }
  }

  function refreshSoon(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const id = store.getState().messageId;
      if (id) void load(id);
    }, REFRESH_MS);
  }

  // Its status changed (started, ended, not being saved)…
  client.on('message.updated', ({ message }) => {
    if (message.id === store.getState().messageId) refreshSoon();
  });
  // …or one of its streams grew (this window follows the replies it shows).
  client.on('stream.chunks', ({ items }) => {
    const streams = store.getState().inspection?.streams;
    if (!streams || timer) return;
    if (items.some((item) => streams.some((s) => s.streamId === item.streamId))) refreshSoon();
  });

  return store;
}
export type InspectorStore = ReturnType<typeof createInspectorStore>;

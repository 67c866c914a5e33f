import type { ApiClient } from '../api/client';
import { createAppStore } from './app';
import { createConnectionStore } from './connection';
import { createConversationsStore } from './conversations';
import { createMessagesStore } from './messages';
import { createToastsStore } from './toasts';

export type AppStores = ReturnType<typeof createAppStores>;

/**
 * Builds every store over one API client and wires them together: selecting a
 * conversation shows its messages, and a reconnect reloads everything, since events
 * sent while the socket was down are gone.
 */
export function createAppStores(client: ApiClient) {
  const toasts = createToastsStore();
  const report = (err: unknown, context: string) => toasts.getState().report(err, context);
  const connection = createConnectionStore(client);
  const conversations = createConversationsStore(client, report);
  const messages = createMessagesStore(client, report);
  const app = createAppStore(client, report);

  conversations.subscribe((state, prev) => {
    if (state.selectedId !== prev.selectedId) void messages.getState().show(state.selectedId);
  });

  connection.subscribe((state, prev) => {
    if (state.status === 'open' && prev.status === 'reconnecting') void reload();
  });

  function reload(): Promise<unknown> {
    return Promise.all([
      app.getState().load(),
      conversations.getState().load(),
      messages.getState().reload(),
    ]);
  }

  return { client, toasts, connection, conversations, messages, app, start: reload };
}

import type { ApiClient } from '../api/client';
import { createStreamStore } from '../stream/streamStore';
import { createAppStore } from './app';
import { createAttachmentsStore } from './attachments';
import { createPresetsStore } from './presets';
import { createChatStore } from './chat';
import { createConnectionStore } from './connection';
import { createConversationsStore } from './conversations';
import { createDiagnosticsStore } from './diagnostics';
import { createDrafts } from './drafts';
import { createExportsStore, type Download } from './exports';
import { createFoldersStore } from './folders';
import { followStreams } from './followStreams';
import { createInspectorStore } from './inspector';
import { createLibraryStore } from './library';
import { createMessagesStore } from './messages';
import { createProvidersStore } from './providers';
import { createRetriesStore } from './retries';
import { createSearchStore } from './search';
import { createSyncStore } from './sync';
import { createToastsStore } from './toasts';
import { createVersionsStore } from './versions';

export type AppStores = ReturnType<typeof createAppStores>;

/** Where the selected conversation is remembered, so a reloaded window reopens it. */
export interface SelectionMemory {
  read(): string | null;
  write(id: string | null): void;
}

/**
 * Builds every store over one API client and wires them together: selecting a
 * conversation shows its messages, streaming replies on screen are followed live,
 * and a reconnect reloads everything, since events sent while the socket was down
 * are gone.
 */
export function createAppStores(
  client: ApiClient,
  options: { selection?: SelectionMemory; download?: Download } = {},
) {
  const toasts = createToastsStore();
  const report = (err: unknown, context: string) => toasts.getState().report(err, context);
  const connection = createConnectionStore(client);
  const conversations = createConversationsStore(client, report);
  const streams = createStreamStore(client, { onError: (err, context) => report(err, context) });
  const messages = createMessagesStore(client, report);
  const app = createAppStore(client, report);
  const providers = createProvidersStore(client, report);
  const chat = createChatStore(client, messages, report);
  const retries = createRetriesStore(client);
  const library = createLibraryStore(client, conversations, report);
  const folders = createFoldersStore(client, conversations, report);
  const versions = createVersionsStore(client, messages, report);
  const search = createSearchStore(client, conversations, versions, report);
  const inspector = createInspectorStore(client);
  const drafts = createDrafts(client, report);
  const attachments = createAttachmentsStore(client);
  const presets = createPresetsStore(client, report);
  const sync = createSyncStore(client, report);
  const diagnostics = createDiagnosticsStore(client, { download: options.download });
  const exports = createExportsStore(client, report, { download: options.download });
  const following = followStreams(messages, streams, (err) => report(err, 'Could not follow a reply'));

  conversations.subscribe((state, prev) => {
    if (state.selectedId !== prev.selectedId) {
      options.selection?.write(state.selectedId);
      void messages.getState().show(state.selectedId);
    }
  });

  connection.subscribe((state, prev) => {
    if (state.status === 'open' && prev.status === 'reconnecting') {
      following.resubscribeAll();
      void reload();
    }
  });

  function reload(): Promise<unknown> {
    return Promise.all([
      app.getState().load(),
      conversations.getState().load(),
      folders.getState().load(),
      messages.getState().reload(),
      providers.getState().load(),
      sync.getState().load(),
      // Loaded once Settings or a new chat asked for them; after a reconnect, changes
      // announced while the socket was down were missed.
      presets.getState().loaded ? presets.getState().load() : null,
    ]);
  }

  async function start(): Promise<void> {
    await reload();
    const remembered = options.selection?.read();
    // It may be beyond the first page: reveal asks for it by id (and selects nothing if it is gone).
    if (conversations.getState().selectedId === null && remembered) {
      await conversations.getState().reveal(remembered);
    }
  }

  return {
    client,
    toasts,
    connection,
    conversations,
    messages,
    app,
    providers,
    streams,
    chat,
    retries,
    library,
    folders,
    versions,
    search,
    inspector,
    exports,
    drafts,
    attachments,
    presets,
    sync,
    diagnostics,
    start,
  };
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LocalDownload, LocalModel, LocalModelList } from '../../../shared/api/schemas/localModels';
import type { ApiClient } from '../api/client';
import type { AppStores } from './index';

export interface LocalModelsState {
  list: LocalModelList | null;
  /** Live download progress (events only; never stored anywhere). */
  downloads: LocalDownload[];
  load(): Promise<void>;
  /** Throws (ApiCallError) so the form can say why next to the path: not GGUF, cut off, missing. */
  add(path: string): Promise<LocalModel>;
  /** Desktop: the OS file picker. Resolves null when the user cancelled. */
  pick(): Promise<LocalModel | null>;
  remove(id: string): Promise<void>;
  download(url: string, sha256?: string): Promise<void>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
}

/**
 * Local GGUF models and their downloads. Built on first use over the app's client
 * (one per client), listening to `localModels.*` events; when the models change the
 * provider list is reloaded too, since "Local models" appears there while one exists.
 */
export function createLocalModelsStore(
  client: ApiClient,
  reloadProviders: () => Promise<void>,
  report: (err: unknown, context: string) => void,
): StoreApi<LocalModelsState> {
  const store = createStore<LocalModelsState>()((set, get) => ({
    list: null,
    downloads: [],
    async load() {
      try {
        const list = await client.call('localModels.list', {});
        set({ list, downloads: list.downloads });
      } catch (err) {
        report(err, 'Could not list local models');
      }
    },
    async add(path) {
      const model = await client.call('localModels.add', { path });
      await Promise.all([get().load(), reloadProviders()]);
      return model;
    },
    async pick() {
      const { model } = await client.call('localModels.pickFile', {});
      if (model) await Promise.all([get().load(), reloadProviders()]);
      return model;
    },
    async remove(id) {
      try {
        const list = await client.call('localModels.remove', { id });
        set({ list, downloads: list.downloads });
        await reloadProviders();
      } catch (err) {
        report(err, 'Could not remove the model');
      }
    },
    async download(url, sha256) {
      await client.call('localModels.download', { url, ...(sha256 ? { sha256 } : {}) });
      await get().load();
    },
    async pause(id) {
      await act(() => client.call('localModels.pauseDownload', { id }), 'Could not pause the download');
    },
    async resume(id) {
      await act(() => client.call('localModels.resumeDownload', { id }), 'Could not resume the download');
    },
    async cancel(id) {
      await act(() => client.call('localModels.cancelDownload', { id }), 'Could not cancel the download');
    },
  }));

  async function act(work: () => Promise<unknown>, context: string) {
    try {
      await work();
    } catch (err) {
      report(err, context);
    }
    await store.getState().load();
  }

  client.on('localModels.downloads', ({ downloads }) => store.setState({ downloads }));
  client.on('localModels.changed', () => {
    void store.getState().load();
    void reloadProviders();
  });
  client.onConnection((status) => {
    if (status === 'open') void store.getState().load();
  });
  void store.getState().load();
  return store;
}

const perClient = new WeakMap<ApiClient, StoreApi<LocalModelsState>>();

/** The local models store of these app stores, created on first use. */
export function localModelsStore(stores: AppStores): StoreApi<LocalModelsState> {
  let store = perClient.get(stores.client);
  if (!store) {
    store = createLocalModelsStore(
      stores.client,
      () => stores.providers.getState().load(),
      (err, context) => stores.toasts.getState().report(err, context),
    );
    perClient.set(stores.client, store);
  }
  return store;
}

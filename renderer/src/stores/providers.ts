import { createStore } from 'zustand/vanilla';
import type {
  ConnectionResult,
  DetectedProvider,
  KeyProtection,
  ProviderDraft,
  ProviderInfo,
} from '../../../shared/api/schemas/providers';
import type { ApiClient } from '../api/client';

/** A provider's model list as last asked: the models, or the provider's own words about why not. */
export type ModelList =
  | { status: 'loading'; models: string[] }
  | { status: 'ok'; models: string[] }
  | { status: 'error'; models: string[]; message: string };

export interface ProvidersState {
  providers: ProviderInfo[];
  /** How stored keys are kept (keyring or plain file), in words for the UI. */
  keyProtection: KeyProtection | null;
  /** False until the first list arrives, so onboarding never flashes up before it. */
  loaded: boolean;
  /** Local servers found when no provider is configured yet (first run). */
  detected: DetectedProvider[];
  models: Readonly<Record<string, ModelList>>;
  load(): Promise<void>;
  /**
   * Saves a provider. `apiKey`: undefined keeps the stored key, null forgets it. Throws
   * (ApiCallError) so the form can show why next to its fields; the key is not kept.
   */
  save(draft: ProviderDraft, apiKey?: string | null): Promise<ProviderInfo>;
  remove(id: string): Promise<boolean>;
  /** Tests a saved provider (by id) or a draft; resolves with the models or the provider's words. */
  test(target: { id: string } | { draft: ProviderDraft; apiKey?: string | null }): Promise<ConnectionResult>;
  /** Fetches a provider's models once (again with `force`), for the model picker. */
  loadModels(id: string, force?: boolean): Promise<void>;
}

/**
 * Configured LLM providers as the UI may know them: never a key, only where a key
 * comes from (`keySource`). A key passes through `save`/`test` on its way to main and
 * is not stored here.
 */
export function createProvidersStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  const store = createStore<ProvidersState>()((set, get) => ({
    providers: [],
    keyProtection: null,
    loaded: false,
    detected: [],
    models: {},
    async load() {
      try {
        const { providers, keyProtection } = await client.call('providers.list', {});
        set({ providers, keyProtection, loaded: true });
        if (providers.length === 0) await detect();
      } catch (err) {
        report(err, 'Could not load the model providers');
      }
    },
    async save(draft, apiKey) {
      const saved = await client.call('providers.save', {
        provider: draft,
        ...(apiKey !== undefined ? { apiKey } : {}),
      });
      set((s) => ({
        providers: s.providers.some((p) => p.id === saved.id)
          ? s.providers.map((p) => (p.id === saved.id ? saved : p))
          : [...s.providers, saved],
        detected: [],
        models: omit(s.models, saved.id), // the URL or key may have changed: ask again
      }));
      return saved;
    },
    async remove(id) {
      try {
        await client.call('providers.delete', { id });
        set((s) => ({ providers: s.providers.filter((p) => p.id !== id), models: omit(s.models, id) }));
        return true;
      } catch (err) {
        report(err, 'Could not delete the provider');
        return false;
      }
    },
    test(target) {
      if ('id' in target) return client.call('providers.test', { id: target.id });
      return client.call('providers.test', {
        provider: target.draft,
        ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
      });
    },
    async loadModels(id, force = false) {
      const known = get().models[id];
      if (known && !force && known.status !== 'error') return;
      setModels(id, { status: 'loading', models: known?.models ?? [] });
      try {
        const result = await client.call('providers.models', { id });
        setModels(
          id,
          result.ok
            ? { status: 'ok', models: result.models }
            : { status: 'error', models: [], message: result.message },
        );
      } catch (err) {
        setModels(id, { status: 'error', models: [], message: (err as Error).message });
      }
    },
  }));

  function setModels(id: string, list: ModelList): void {
    store.setState((s) => ({ models: { ...s.models, [id]: list } }));
  }

  async function detect(): Promise<void> {
    try {
      const { detected } = await client.call('providers.detectLocal', {});
      // A provider added while we probed makes the offer moot.
      if (store.getState().providers.length === 0) store.setState({ detected });
    } catch {
      // Detection is a convenience: onboarding works without it, so nothing to report.
    }
  }

  return store;
}
export type ProvidersStore = ReturnType<typeof createProvidersStore>;

function omit<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

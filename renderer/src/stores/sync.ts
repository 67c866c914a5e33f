import { createStore } from 'zustand/vanilla';
import type { SyncState } from '../../../shared/api/schemas/sync';
import { describeError } from '../api/errors';
import type { ApiClient } from '../api/client';

export interface SyncStoreState {
  sync: SyncState;
  load(): Promise<void>;
  /** Resolves with main's words when it refused (wrong passphrase, unreachable server), else null. */
  configure(databaseUrl: string, passphrase: string): Promise<string | null>;
  disable(): Promise<string | null>;
}

/** Settings → Sync: the state main reports (it changes by itself as sync runs) and the two actions. */
export function createSyncStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  const store = createStore<SyncStoreState>()((set) => ({
    sync: { state: 'off' },
    async load() {
      try {
        set({ sync: await client.call('sync.status', {}) });
      } catch (err) {
        report(err, 'Could not read the sync state');
      }
    },
    async configure(databaseUrl, passphrase) {
      try {
        set({ sync: await client.call('sync.configure', { databaseUrl, passphrase }) });
        return null;
      } catch (err) {
        return describeError(err);
      }
    },
    async disable() {
      try {
        set({ sync: await client.call('sync.disable', {}) });
        return null;
      } catch (err) {
        return describeError(err);
      }
    },
  }));
  client.on('sync.status', (sync) => store.setState({ sync }));
  return store;
}
export type SyncStore = ReturnType<typeof createSyncStore>;

import type { SyncService } from '../../sync/SyncService';
import type { ApiHandlers } from '../types';

type SyncChannels = 'sync.status' | 'sync.configure' | 'sync.disable';

/** Settings → Sync: state, set up (checked before kept), turn off. */
export function syncHandlers(sync: SyncService): Pick<ApiHandlers, SyncChannels> {
  return {
    'sync.status': () => sync.state(),
    'sync.configure': ({ databaseUrl, passphrase }) => sync.configure(databaseUrl, passphrase),
    'sync.disable': () => sync.disable(),
  };
}

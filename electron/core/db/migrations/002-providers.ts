import { PROVIDERS_TABLE_SQL } from '../../providers/schema.sql';
import type { Migration } from './Migration';

/** Provider configs (base URL, models, defaults). Their API keys live in a SecretStore, never here. */
export const m002Providers: Migration = {
  version: 2,
  name: 'providers',
  up(db) {
    db.exec(PROVIDERS_TABLE_SQL);
  },
};

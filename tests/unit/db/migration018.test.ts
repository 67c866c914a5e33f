import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { PresetStore } from '../../../electron/core/presets';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

describe('migration 018: presets', () => {
  it('adds an empty presets table to an existing library, names unique whatever their case', () => {
    const { db: old } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version < 18) });
    old.close();
    const { db } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version <= 18) });
    expect(userVersion(db)).toBe(18);
    const store = new PresetStore(db, { now: () => 1 }, () => `p${Math.random()}`);
    expect(store.list()).toEqual([]);
    const fields = { systemPrompt: null, providerId: null, model: null, params: {} };
    store.save(undefined, { name: 'Coder', ...fields });
    expect(() => store.save(undefined, { name: 'coder', ...fields })).toThrow(/already exists/);
    db.close();
  });
});

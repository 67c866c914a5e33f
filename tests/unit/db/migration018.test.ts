import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PresetStore } from '../../../electron/core/presets';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 018: presets', () => {
  it('adds an empty presets table to an existing library, names unique whatever their case', () => {
    const old = openAt(tmp.dir, 17);
    old.close();
    const db = openAt(tmp.dir, 18);
    const store = new PresetStore(db, { now: () => 1 }, () => `p${Math.random()}`);
    expect(store.list()).toEqual([]);
    const fields = { systemPrompt: null, providerId: null, model: null, params: {} };
    store.save(undefined, { name: 'Coder', ...fields });
    expect(() => store.save(undefined, { name: 'coder', ...fields })).toThrow(/already exists/);
    db.close();
  });
});

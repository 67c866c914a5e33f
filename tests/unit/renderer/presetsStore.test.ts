import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Preset } from '../../../shared/api/schemas/presets';
import { createPresetsStore, type PresetsStore } from '../../../renderer/src/stores/presets';
import { bridgeClient, openCore, until } from './helpers';

const coder = { name: 'Coder', systemPrompt: 'Code only.', providerId: null, model: null, params: {} };

const when = (store: PresetsStore, ok: (presets: readonly Preset[]) => boolean) =>
  until(
    (fn) => store.subscribe(fn),
    () => store.getState().presets,
    ok,
  );

describe('the presets store, over a real core', () => {
  let opened: ReturnType<typeof openCore>;
  let store: PresetsStore;
  const reported: string[] = [];

  beforeEach(async () => {
    opened = openCore();
    store = createPresetsStore(bridgeClient(opened.core), (_err, context) => void reported.push(context));
    await store.getState().load();
  });
  afterEach(async () => {
    await opened.close();
    expect(reported.splice(0)).toEqual([]);
  });

  it('shows a preset another client saved without loading again', async () => {
    await bridgeClient(opened.core).call('presets.save', { preset: coder });
    const presets = await when(store, (p) => p.length === 1);
    expect(presets[0]).toMatchObject({ name: 'Coder', systemPrompt: 'Code only.' });
  });

  it('drops a preset another client deleted without loading again', async () => {
    const other = bridgeClient(opened.core);
    const saved = await other.call('presets.save', { preset: coder });
    await when(store, (p) => p.length === 1);
    await other.call('presets.delete', { id: saved.id });
    expect(await when(store, (p) => p.length === 0)).toEqual([]);
  });
});

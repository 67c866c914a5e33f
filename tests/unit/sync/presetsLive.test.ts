/**
 * A preset that sync brings in shows in the windows open on the library at once: the pull
 * commits on sync's own connection, and the core announces what changed as `presets.changed`.
 */
import { describe, expect, test } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/events';
import { checkEvent } from '../../helpers/contractCheck';
import { usePgCluster } from '../../helpers/pgCluster';
import { openLibrary, useFakeProvider, type Library } from '../export/helpers';
import { device, TERSE_PRESET } from './helpers';

const postgres = usePgCluster('sync tests');
const fake = useFakeProvider(0);

const fields = TERSE_PRESET;

/** A window on `lib`: every event it receives, checked against its schema. */
function openWindow(lib: Library): ApiEventMessage[] {
  const events: ApiEventMessage[] = [];
  lib.core.connect((event) => {
    checkEvent(event);
    events.push(event);
  });
  return events;
}

const presetLists = (events: ApiEventMessage[]) =>
  events.flatMap((e) => (e.name === 'presets.changed' ? [e.payload.presets.map((p) => p.name)] : []));

describe.skipIf(postgres.skip)('presets pulled by sync, live', () => {
  test('a window open on the pulling library is told of a preset made on another device, and of its edit', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const window = openWindow(b);
    const preset = a.core.presets.save(undefined, fields);
    await (await device(a, url)).syncOnce();
    const onB = await device(b, url);
    await onB.syncOnce();
    b.core.externalChanges.check();
    expect(presetLists(window)).toEqual([['Terse']]);
    a.core.presets.save(preset.id, { ...fields, systemPrompt: 'Answer in three words.' });
    await (await device(a, url)).syncOnce();
    await onB.syncOnce();
    b.core.externalChanges.check();
    const last = window.filter((e) => e.name === 'presets.changed').at(-1);
    expect(last?.payload).toEqual({ presets: [b.core.presets.get(preset.id)] });
    expect(b.core.presets.get(preset.id).systemPrompt).toBe('Answer in three words.');
  }, 60_000);

  test('a window is told of both presets when a pulled one clashes by name with its own', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    b.core.presets.save(undefined, { ...fields, name: 'Coder' });
    const window = openWindow(b);
    a.core.presets.save(undefined, { ...fields, name: 'Coder', systemPrompt: 'Code only.' });
    await (await device(a, url)).syncOnce();
    await (await device(b, url)).syncOnce();
    b.core.externalChanges.check();
    const [names] = presetLists(window);
    expect(names).toHaveLength(2);
    expect(names).toEqual(b.core.presets.list().map((p) => p.name));
  }, 60_000);
});

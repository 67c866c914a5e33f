/**
 * Presets reach every open window as they change — made here, by another process on the
 * same library (the CLI, a second host) or brought in by sync — as `presets.changed`
 * carrying the whole list, the way folders travel.
 */
import { describe, expect, it } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/events';
import type { Preset } from '../../../shared/api/schemas/presets';
import type { TestCore } from '../chat/helpers';
import { eventsNamed, useTwoProcesses } from '../chat/twoProcesses';

const coder = {
  name: 'Coder',
  systemPrompt: 'Answer with code only.',
  providerId: null,
  model: null,
  params: { temperature: 0.2 },
};

const twoProcesses = useTwoProcesses('spool-presets-live-');
const presetEvents = (t: TestCore) => eventsNamed(t, 'presets.changed');
const namesIn = (e: Extract<ApiEventMessage, { name: 'presets.changed' }>) =>
  e.payload.presets.map((p) => p.name);

describe('presets.changed', () => {
  it('tells a connected window about a preset another process saved on the same library', async () => {
    const { window, other } = twoProcesses();
    await other.ok('presets.save', { preset: coder });
    window.core.externalChanges.check();
    expect(presetEvents(window).map(namesIn)).toEqual([['Coder']]);
  });

  it('tells a connected window when another process edits a preset', async () => {
    const { window, other } = twoProcesses();
    const saved = await other.ok<Preset>('presets.save', { preset: coder });
    window.core.externalChanges.check();
    await other.ok('presets.save', { id: saved.id, preset: { ...coder, systemPrompt: 'Be terse.' } });
    window.core.externalChanges.check();
    const last = presetEvents(window).at(-1)!;
    expect(last.payload.presets).toEqual([
      expect.objectContaining({ id: saved.id, systemPrompt: 'Be terse.' }),
    ]);
  });

  it('tells a connected window when another process deletes a preset', async () => {
    const { window, other } = twoProcesses();
    const saved = await other.ok<Preset>('presets.save', { preset: coder });
    window.core.externalChanges.check();
    await other.ok('presets.delete', { id: saved.id });
    window.core.externalChanges.check();
    expect(presetEvents(window).map(namesIn)).toEqual([['Coder'], []]);
  });

  it('stays quiet when another process changed the library but no preset', async () => {
    const { window, other } = twoProcesses();
    await other.ok('conversations.create', {});
    window.core.externalChanges.check();
    expect(presetEvents(window)).toEqual([]);
  });

  it('tells every client of this core about a save and a delete made through it', async () => {
    const { window } = twoProcesses();
    const saved = await window.ok<Preset>('presets.save', { preset: coder });
    await window.ok('presets.delete', { id: saved.id });
    expect(presetEvents(window).map(namesIn)).toEqual([['Coder'], []]);
  });

  it('does not announce this core’s own save again when another process later changes something else', async () => {
    const { window, other } = twoProcesses();
    await window.ok('presets.save', { preset: coder });
    await other.ok('conversations.create', {});
    window.core.externalChanges.check();
    expect(presetEvents(window)).toHaveLength(1);
  });
});

import { createStore } from 'zustand/vanilla';
import type { Preset, PresetFields } from '../../../shared/api/schemas/presets';
import { describeError } from '../api/errors';
import type { ApiClient } from '../api/client';

export interface PresetsState {
  presets: readonly Preset[];
  loaded: boolean;
  load(): Promise<void>;
  /** Resolves with main's words when it refused (a taken name, a value out of range), else null. */
  save(id: string | undefined, fields: PresetFields): Promise<string | null>;
  remove(id: string): Promise<void>;
  /** Copies a preset onto a conversation (its system prompt, parameters and model). */
  apply(id: string, conversationId: string): Promise<void>;
}

/**
 * Presets: named starting points for a chat, edited in Settings and picked in a new chat.
 * Live from `presets.changed` (saved or deleted here, in another window or process, or
 * brought in by sync): it carries the whole list.
 */
export function createPresetsStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  const store = createStore<PresetsState>()((set, get) => ({
    presets: [],
    loaded: false,
    async load() {
      try {
        const { presets } = await client.call('presets.list', {});
        set({ presets, loaded: true });
      } catch (err) {
        report(err, 'Could not load the presets');
      }
    },
    async save(id, fields) {
      try {
        await client.call('presets.save', { ...(id ? { id } : {}), preset: fields });
      } catch (err) {
        return describeError(err);
      }
      await get().load();
      return null;
    },
    async remove(id) {
      try {
        await client.call('presets.delete', { id });
      } catch (err) {
        report(err, 'Could not delete the preset');
      }
      await get().load();
    },
    async apply(id, conversationId) {
      try {
        await client.call('presets.apply', { id, conversationId });
      } catch (err) {
        report(err, 'Could not apply the preset');
      }
    },
  }));
  client.on('presets.changed', ({ presets }) => store.setState({ presets, loaded: true }));
  return store;
}
export type PresetsStore = ReturnType<typeof createPresetsStore>;

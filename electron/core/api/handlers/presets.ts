import type { Conversation } from '../../../../shared/api/schemas/conversations';
import type { ProviderRegistry } from '../../providers';
import type { PresetStore } from '../../presets/PresetStore';
import type { ApiHandlers } from '../types';

type PresetChannels = 'presets.list' | 'presets.save' | 'presets.delete' | 'presets.apply';

export interface PresetHandlerDeps {
  presets: PresetStore;
  providers: ProviderRegistry;
  /** presets/applyPreset.ts: the preset's prompt, parameters and model on the conversation. */
  apply(presetId: string, conversationId: string): Conversation;
  conversationChanged(id: string): void;
  /** Tells every window the presets changed (library/ListAnnouncer.ts). */
  presetsChanged(): void;
}

/** The API calls of shared/api/schemas/presets.ts. */
export function presetHandlers(deps: PresetHandlerDeps): Pick<ApiHandlers, PresetChannels> {
  return {
    'presets.list': () => ({ presets: deps.presets.list() }),
    'presets.save': ({ id, preset }) => {
      if (preset.providerId) deps.providers.get(preset.providerId); // NOT_FOUND for an unknown provider
      const saved = deps.presets.save(id, preset);
      deps.presetsChanged();
      return saved;
    },
    'presets.delete': ({ id }) => {
      deps.presets.delete(id);
      deps.presetsChanged();
      return {};
    },
    'presets.apply': ({ id, conversationId }) => {
      const conversation = deps.apply(id, conversationId);
      deps.conversationChanged(conversationId);
      return conversation;
    },
  };
}

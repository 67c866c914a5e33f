import type { Database } from 'better-sqlite3';
import type { ApiHandlers } from '../types';
import type { ProviderRegistry } from '../../providers';
import type { ConversationStore } from '../../store/ConversationStore';
import type { PresetStore } from '../../presets/PresetStore';

type PresetChannels = 'presets.list' | 'presets.save' | 'presets.delete' | 'presets.apply';

export interface PresetHandlerDeps {
  db: Database;
  presets: PresetStore;
  conversations: ConversationStore;
  providers: ProviderRegistry;
  conversationChanged(id: string): void;
}

function knows(providers: ProviderRegistry, id: string): boolean {
  try {
    providers.get(id);
    return true;
  } catch {
    return false;
  }
}

/** The API calls of shared/api/schemas/presets.ts. */
export function presetHandlers(deps: PresetHandlerDeps): Pick<ApiHandlers, PresetChannels> {
  return {
    'presets.list': () => ({ presets: deps.presets.list() }),
    'presets.save': ({ id, preset }) => {
      if (preset.providerId) deps.providers.get(preset.providerId); // NOT_FOUND for an unknown provider
      return deps.presets.save(id, preset);
    },
    'presets.delete': ({ id }) => {
      deps.presets.delete(id);
      return {};
    },
    'presets.apply': ({ id, conversationId }) => {
      const preset = deps.presets.get(id);
      // A provider deleted since the preset was saved leaves the conversation's model as it was.
      const providerKnown = preset.providerId !== null && knows(deps.providers, preset.providerId);
      const conversation = deps.db.transaction(() => {
        deps.conversations.setSystemPrompt(conversationId, preset.systemPrompt);
        const updated = deps.conversations.setParams(conversationId, preset.params);
        return providerKnown
          ? deps.conversations.setModel(conversationId, preset.providerId!, preset.model!)
          : updated;
      })();
      deps.conversationChanged(conversationId);
      return conversation;
    },
  };
}

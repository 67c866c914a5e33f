import type { Database } from 'better-sqlite3';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { ProviderRegistry } from '../providers';
import type { ConversationStore } from '../store/ConversationStore';
import type { PresetStore } from './PresetStore';

export interface PresetDeps {
  db: Database;
  presets: PresetStore;
  conversations: ConversationStore;
  providers: ProviderRegistry;
}

function knows(providers: ProviderRegistry, id: string): boolean {
  try {
    providers.get(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives the conversation the preset's system prompt, parameters and model, in one
 * transaction. A provider deleted since the preset was saved leaves the conversation's
 * model as it was. Throws ApiFailure NOT_FOUND for an unknown preset or conversation.
 */
export function applyPreset(deps: PresetDeps, presetId: string, conversationId: string): Conversation {
  const preset = deps.presets.get(presetId);
  const providerKnown = preset.providerId !== null && knows(deps.providers, preset.providerId);
  return deps.db.transaction(() => {
    deps.conversations.setSystemPrompt(conversationId, preset.systemPrompt);
    const updated = deps.conversations.setParams(conversationId, preset.params);
    return providerKnown
      ? deps.conversations.setModel(conversationId, preset.providerId!, preset.model!)
      : updated;
  })();
}

/**
 * Who answers and with what: the provider, model and key a reply uses (chooseModel.ts
 * picks, the registry resolves the key) and what the conversation sends besides its
 * messages (system prompt, parameters), read as they are at each Send, Continue,
 * Regenerate and Edit & resend.
 */
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { ProviderRegistry } from '../providers';
import type { SettingsStore } from '../store/SettingsStore';
import { chooseModel, type ChoiceSource } from './chooseModel';
import type { ReplyInput, ReplyTarget } from './ReplyRunner';
import { paramsFor } from './replyParams';

/** Which provider and model to use instead of the usual choice (chooseModel rule 1). */
export interface ModelOverride {
  providerId?: string;
  model?: string;
}

export interface ReplyTargetDeps {
  providers: ProviderRegistry;
  settings: SettingsStore;
}

/** The provider, key and model of a reply; `previous` is the stream a Continue carries on. */
export async function resolveTarget(
  deps: ReplyTargetDeps,
  conversation: Conversation,
  request: ModelOverride,
  previous?: ChoiceSource,
): Promise<ReplyTarget> {
  const providers = (await deps.providers.list()).providers;
  const choice = chooseModel({
    providers,
    request,
    ...(previous ? { previous } : {}),
    conversation: { providerId: conversation.provider, model: conversation.model },
    settings: deps.settings.get(),
  });
  const { config, apiKey } = await deps.providers.resolve(choice.config.id);
  return { config, apiKey, model: choice.model };
}

/**
 * What every reply of the conversation sends besides its messages, as it is now, so a
 * Regenerate, Continue or Edit & resend uses the same system prompt as a Send.
 */
export function conversationInput(
  settings: SettingsStore,
  conversation: Conversation,
  target: ReplyTarget,
): ReplyInput {
  const system = conversation.systemPrompt ?? settings.get().defaultSystemPrompt;
  const params = paramsFor(target.config.kind, target.config.name, conversation.params);
  return system.trim() ? { system, params } : { params };
}

/** The provider and model recorded on the reply they write. */
export function answerer(target: ReplyTarget) {
  return { providerId: target.config.id, providerName: target.config.name, model: target.model };
}

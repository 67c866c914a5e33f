/**
 * Which provider and model a reply uses. Pure, so the precedence is a specification
 * with tests rather than a habit of the code that happens to call it.
 *
 *   1. what the request names (chat.send's providerId / model override);
 *   2. what wrote the reply being continued (its latest stream);
 *   3. the conversation's provider/model;
 *   4. settings.defaultProviderId / defaultModel;
 *   5. the only configured provider, with its defaultModel or first listed model;
 *   6. with no provider configured, a local model (the virtual `local` provider,
 *      listed only while a GGUF file is present): offline-first by default.
 *
 * A provider id that no longer exists (deleted since) falls through to the next
 * rule, except one named in the request, which is NOT_FOUND. No provider at all,
 * or several and none chosen, is a CONFLICT saying what to do; so is a provider
 * without any model to use.
 */
import { ApiFailure } from '../../../shared/api/result';
import type { ProviderConfig } from '../../../shared/api/schemas/providers';

export interface ModelChoice {
  config: ProviderConfig;
  model: string;
}

export interface ChoiceSource {
  providerId: string | null | undefined;
  model: string | null | undefined;
}

export interface ChooseModelInput {
  providers: readonly ProviderConfig[];
  request?: Partial<ChoiceSource>;
  /** The stream that wrote the reply being continued. */
  previous?: ChoiceSource;
  conversation: ChoiceSource;
  settings: { defaultProviderId: string | null; defaultModel: string | null };
}

export function chooseModel(input: ChooseModelInput): ModelChoice {
  const find = (id: string | null | undefined) => (id ? input.providers.find((p) => p.id === id) : undefined);

  const requested = input.request?.providerId;
  if (requested && !find(requested)) throw new ApiFailure('NOT_FOUND', `No provider with id ${requested}.`);

  // The virtual local provider is not "configured": it never makes rule 5 ambiguous.
  const configured = input.providers.filter((p) => p.kind !== 'local');
  const local = input.providers.find((p) => p.kind === 'local');
  const candidates: { config: ProviderConfig | undefined; model: string | null | undefined }[] = [
    { config: find(requested), model: input.request?.model },
    { config: find(input.previous?.providerId), model: input.previous?.model },
    { config: find(input.conversation.providerId), model: input.conversation.model },
    { config: find(input.settings.defaultProviderId), model: input.settings.defaultModel },
    { config: configured.length === 1 ? configured[0] : undefined, model: undefined },
    { config: configured.length === 0 ? local : undefined, model: undefined },
  ];
  const chosen = candidates.find((c) => c.config !== undefined);
  if (!chosen?.config) {
    throw new ApiFailure(
      'CONFLICT',
      input.providers.length === 0
        ? 'No provider is set up yet. Add one in Settings → Providers (a local Ollama or LM Studio, ' +
            'an OpenAI-compatible endpoint, or Anthropic), or a GGUF file in Settings → Local models, then send again.'
        : 'Several providers are set up and none is chosen for this conversation. ' +
            'Pick a provider and model, then send again.',
    );
  }
  const config = chosen.config;
  // A model named in the request wins even when the provider came from a later rule.
  const model =
    input.request?.model ??
    chosen.model ??
    (config.id === input.conversation.providerId ? input.conversation.model : undefined) ??
    config.defaultModel ??
    config.models?.[0];
  if (!model) {
    throw new ApiFailure(
      'CONFLICT',
      `Provider "${config.name}" has no model chosen. Pick a model for this conversation ` +
        `or set a default model for the provider, then send again.`,
    );
  }
  return { config, model };
}

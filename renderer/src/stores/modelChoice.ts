import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { ProviderInfo } from '../../../shared/api/schemas/providers';
import type { Settings } from '../../../shared/api/schemas/settings';
import type { ModelList } from './providers';

/** A provider and one of its models: what a reply is asked of. */
export interface ModelChoice {
  providerId: string;
  model: string;
}

/**
 * The model a conversation sends to: its own choice, else the app's default, else the
 * first provider's default model. Null when nothing is configured (or the provider is gone).
 */
export function effectiveModel(
  conversation: Pick<Conversation, 'provider' | 'model'> | null,
  settings: Pick<Settings, 'defaultProviderId' | 'defaultModel'> | null,
  providers: readonly ProviderInfo[],
): ModelChoice | null {
  const exists = (id: string | null | undefined) => providers.some((p) => p.id === id);
  if (conversation?.provider && conversation.model && exists(conversation.provider)) {
    return { providerId: conversation.provider, model: conversation.model };
  }
  if (settings?.defaultProviderId && settings.defaultModel && exists(settings.defaultProviderId)) {
    return { providerId: settings.defaultProviderId, model: settings.defaultModel };
  }
  const first = providers.find((p) => p.defaultModel ?? p.models?.[0]);
  return first ? { providerId: first.id, model: (first.defaultModel ?? first.models![0])! } : null;
}

/** The models to offer for a provider: its live listing, else its pinned ones, plus its default. */
export function modelsOf(provider: ProviderInfo, listing: ModelList | undefined): string[] {
  const models = listing?.models.length ? listing.models : (provider.models ?? []);
  const all = provider.defaultModel ? [provider.defaultModel, ...models] : models;
  return [...new Set(all)];
}

/** Model names that more than one provider offers: the menu names the provider beside them. */
export function sharedModelNames(
  providers: readonly ProviderInfo[],
  listings: Readonly<Record<string, ModelList | undefined>>,
): Set<string> {
  const offeredBy = new Map<string, number>();
  for (const p of providers) {
    for (const m of modelsOf(p, listings[p.id])) offeredBy.set(m, (offeredBy.get(m) ?? 0) + 1);
  }
  return new Set([...offeredBy].filter(([, n]) => n > 1).map(([m]) => m));
}

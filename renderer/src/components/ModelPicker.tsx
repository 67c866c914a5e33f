import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { useStores } from '../stores/context';
import { modelsOf, sharedModelNames, type ModelChoice } from '../stores/modelChoice';

const SEP = '\u0000';

/**
 * The conversation's model, grouped by provider. Each provider's models are asked
 * for once (providers.models); a provider that cannot list them offers its pinned
 * and default models instead. A model name two providers offer carries its
 * provider's name, since the closed menu shows only the option.
 */
export function ModelPicker({ conversation, value }: { conversation: Conversation; value: ModelChoice }) {
  const { providers: providersStore, conversations } = useStores();
  const providers = useStore(providersStore, (s) => s.providers);
  const listings = useStore(providersStore, (s) => s.models);

  useEffect(() => {
    for (const p of providers) void providersStore.getState().loadModels(p.id);
  }, [providers, providersStore]);
  const shared = sharedModelNames(providers, listings);

  return (
    <label className="model-picker">
      <span className="visually-hidden">Model</span>
      <select
        className="select"
        aria-label="Model"
        value={`${value.providerId}${SEP}${value.model}`}
        onChange={(e) => {
          const [providerId, model] = e.target.value.split(SEP) as [string, string];
          void conversations.getState().setModel(conversation.id, providerId, model);
        }}
      >
        {providers.map((p) => {
          const models = modelsOf(p, listings[p.id]);
          if (p.id === value.providerId && !models.includes(value.model)) models.unshift(value.model);
          return (
            <optgroup key={p.id} label={p.name}>
              {models.map((m) => (
                <option key={m} value={`${p.id}${SEP}${m}`}>
                  {shared.has(m) ? `${m} · ${p.name}` : m}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </label>
  );
}

import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import type { Preset } from '../../../../shared/api/schemas/presets';
import { useStores } from '../../stores/context';
import { modelsOf } from '../../stores/modelChoice';
import { draftOf, parseDraft, ParamsFields } from '../ParamsFields';
import { FormError } from '../FormError';

const SEP = '\u0000';

/** A preset's fields as a form; parameters are checked with the API's own schema before saving. */
export function PresetForm({ preset, onDone }: { preset: Preset | null; onDone(): void }) {
  const { presets, providers: providersStore } = useStores();
  const providers = useStore(providersStore, (s) => s.providers);
  const listings = useStore(providersStore, (s) => s.models);
  const id = useId();
  const [name, setName] = useState(preset?.name ?? '');
  const [systemPrompt, setSystemPrompt] = useState(preset?.systemPrompt ?? '');
  const [model, setModel] = useState(preset?.providerId ? `${preset.providerId}${SEP}${preset.model}` : '');
  const [params, setParams] = useState(draftOf(preset?.params ?? {}));
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    for (const p of providers) void providersStore.getState().loadModels(p.id);
  }, [providers, providersStore]);

  async function save() {
    const parsed = parseDraft(params);
    if ('error' in parsed) return setError(parsed.error);
    const [providerId, modelName] = model ? model.split(SEP) : [null, null];
    const refused = await presets.getState().save(preset?.id, {
      name: name.trim(),
      // Empty follows the default in Settings, as a new conversation does.
      systemPrompt: systemPrompt.trim() ? systemPrompt : null,
      providerId: providerId ?? null,
      model: modelName ?? null,
      params: parsed.params,
    });
    if (refused) setError(refused);
    else onDone();
  }

  return (
    <form
      className="preset-form"
      aria-label={preset ? `Edit preset ${preset.name}` : 'New preset'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Preset name</label>
        <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-prompt`}>Preset system prompt</label>
        <textarea
          id={`${id}-prompt`}
          className="input textarea"
          rows={3}
          value={systemPrompt}
          placeholder="Empty: the default system prompt"
          onChange={(e) => setSystemPrompt(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-model`}>Preset model</label>
        <select id={`${id}-model`} className="input" value={model} onChange={(e) => setModel(e.target.value)}>
          <option value="">The conversation’s usual model</option>
          {providers.map((p) => {
            const models = modelsOf(p, listings[p.id]);
            if (preset?.providerId === p.id && preset.model && !models.includes(preset.model))
              models.unshift(preset.model);
            return (
              <optgroup key={p.id} label={p.name}>
                {models.map((m) => (
                  <option key={m} value={`${p.id}${SEP}${m}`}>
                    {m}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </div>
      <ParamsFields draft={params} onDraft={setParams} />
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!name.trim()}>
          Save preset
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

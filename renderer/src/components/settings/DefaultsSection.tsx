import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/context';
import { TitlesSetting } from './TitlesSetting';

/** Settings → Defaults: the system prompt of every conversation that has none of its own. */
export function DefaultsSection() {
  const { app } = useStores();
  const saved = useStore(app, (s) => s.settings?.defaultSystemPrompt ?? '');
  const [prompt, setPrompt] = useState<string | null>(null);
  const promptId = useId();
  const value = prompt ?? saved;

  return (
    <section className="settings-section" aria-labelledby="settings-defaults">
      <h3 id="settings-defaults" className="settings-heading">
        Defaults
      </h3>
      <TitlesSetting />
      <div className="field">
        <label htmlFor={promptId}>Default system prompt</label>
        <textarea
          id={promptId}
          className="input textarea"
          rows={4}
          value={value}
          placeholder="Sent before every conversation that has no system prompt of its own"
          onChange={(e) => setPrompt(e.target.value)}
        />
      </div>
      <button
        type="button"
        className="button"
        disabled={prompt === null || prompt === saved}
        onClick={() =>
          void app
            .getState()
            .saveSettings({ defaultSystemPrompt: value })
            .then((ok) => ok && setPrompt(null))
        }
      >
        Save defaults
      </button>
    </section>
  );
}

import { count } from '../plural';
import { useState } from 'react';
import { useStore } from 'zustand';
import type { DetectedProvider } from '../../../shared/api/schemas/providers';
import { describeError } from '../api/errors';
import { useStores } from '../stores/context';
import { SpoolMark } from './icons';
import { LocalModelAdd } from './settings/LocalModelAdd';
import { ProviderForm } from './settings/ProviderForm';
import { FormError } from './FormError';

/**
 * First run: no provider yet. A local Ollama or LM Studio that answered is offered
 * with one button; otherwise (or as well) the form to add any provider.
 */
export function Onboarding() {
  const { providers } = useStores();
  const detected = useStore(providers, (s) => s.detected);
  const [error, setError] = useState<string | null>(null);

  async function use(found: DetectedProvider) {
    setError(null);
    try {
      await providers.getState().save({
        kind: found.kind,
        name: found.name,
        baseUrl: found.baseUrl,
        ...(found.models[0] ? { defaultModel: found.models[0] } : {}),
      });
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <div className="empty-mark">
        <SpoolMark size={40} />
      </div>
      <h2 id="onboarding-title" className="empty-title">
        Connect a model
      </h2>
      <p className="empty-text">
        Spool talks to any OpenAI-compatible server, Anthropic, a local Ollama, or runs a GGUF model itself.
        Every word of a reply is written to disk as it arrives.
      </p>
      {detected.length > 0 && (
        <ul className="detected" aria-label="Found on this computer">
          {detected.map((d) => (
            <li key={d.baseUrl} className="detected-row">
              <span>
                <strong>{d.name}</strong> is running at {d.baseUrl}
                {d.models.length > 0 ? ` with ${count(d.models.length, 'model')}` : ''}.
              </span>
              <button type="button" className="button button-primary" onClick={() => void use(d)}>
                Use {d.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={error} />
      <div className="onboarding-cards">
        <div className="onboarding-form" role="region" aria-label="Run a model on this computer">
          <h3 className="settings-heading">Run a model on this computer, offline</h3>
          <p className="empty-text">
            Add a GGUF model file (or put it in the models folder) and Spool runs it itself: no server, no
            network.
          </p>
          <LocalModelAdd />
        </div>
        <div className="onboarding-form" role="region" aria-label="Add a provider">
          <h3 className="settings-heading">
            {detected.length > 0 ? 'Or add another provider' : 'Add a provider'}
          </h3>
          <ProviderForm onSaved={() => {}} />
        </div>
      </div>
    </section>
  );
}

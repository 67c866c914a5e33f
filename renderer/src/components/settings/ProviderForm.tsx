import { count } from '../../plural';
import { useId, useState } from 'react';
import type { ConnectionResult, ProviderInfo, ProviderKind } from '../../../../shared/api/schemas/providers';
import { sameEndpoint } from '../../../../shared/endpoint';
import { describeError } from '../../api/errors';
import { useStores } from '../../stores/context';
import { TextField } from './TextField';
import { DEFAULT_BASE_URLS, describeKeySource, KIND_LABELS } from './providerKinds';
import { FormError } from '../FormError';

interface Props {
  /** The provider being edited; a new one when absent. */
  editing?: ProviderInfo;
  onSaved(provider: ProviderInfo): void;
  onCancel?(): void;
}

type Outcome =
  { kind: 'testing' } | { kind: 'result'; result: ConnectionResult } | { kind: 'failed'; message: string };

/**
 * Add or edit one provider. The API key lives only in this form's password field while
 * typing; it goes to main with Save or Test connection and is cleared after a save.
 * What comes back is only where a key comes from (stored, environment, none).
 */
export function ProviderForm({ editing, onSaved, onCancel }: Props) {
  const { providers } = useStores();
  const [kind, setKind] = useState<ProviderKind>(editing?.kind ?? 'openai-compatible');
  const [name, setName] = useState(editing?.name ?? KIND_LABELS['openai-compatible']);
  const [baseUrl, setBaseUrl] = useState(editing?.baseUrl ?? DEFAULT_BASE_URLS['openai-compatible']);
  const [apiKey, setApiKey] = useState('');
  const [defaultModel, setDefaultModel] = useState(editing?.defaultModel ?? '');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const kindId = useId();
  const keyHintId = useId();
  const modelsListId = useId();
  const tested = outcome?.kind === 'result' && outcome.result.ok ? outcome.result.models : [];
  // A stored key goes only to the URL it was saved for: main drops it when the URL changes.
  const dropsStoredKey =
    editing?.keySource === 'stored' && !sameEndpoint(editing.baseUrl, baseUrl) && apiKey.trim() === '';

  function changeKind(next: ProviderKind) {
    // Follow the kind while the user has not typed their own name or URL.
    if (name === KIND_LABELS[kind]) setName(KIND_LABELS[next]);
    if (baseUrl === DEFAULT_BASE_URLS[kind] || baseUrl === '') setBaseUrl(DEFAULT_BASE_URLS[next]);
    setKind(next);
  }

  const draft = () => ({
    ...(editing ? { id: editing.id, models: editing.models, continueStyle: editing.continueStyle } : {}),
    kind,
    name: name.trim(),
    baseUrl: baseUrl.trim(),
    ...(defaultModel.trim() ? { defaultModel: defaultModel.trim() } : {}),
  });
  const keyInput = apiKey.trim() === '' ? undefined : apiKey.trim();

  async function test() {
    setOutcome({ kind: 'testing' });
    try {
      const result = await providers.getState().test({ draft: draft(), apiKey: keyInput });
      setOutcome({ kind: 'result', result });
      if (result.ok && !defaultModel.trim() && result.models[0]) setDefaultModel(result.models[0]);
    } catch (err) {
      setOutcome({ kind: 'failed', message: describeError(err) });
    }
  }

  async function save() {
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await providers.getState().save(draft(), keyInput);
      setApiKey('');
      onSaved(saved);
    } catch (err) {
      setSaveError(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="provider-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={kindId}>Provider type</label>
        <select
          id={kindId}
          className="select"
          value={kind}
          onChange={(e) => changeKind(e.target.value as ProviderKind)}
        >
          {(Object.keys(KIND_LABELS) as ProviderKind[])
            .filter((k) => k !== 'local')
            .map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
        </select>
      </div>
      <TextField label="Name" value={name} onValue={setName} required />
      <TextField
        label="Base URL"
        wide
        type="url"
        inputMode="url"
        spellCheck={false}
        value={baseUrl}
        onValue={setBaseUrl}
        required
      />
      <TextField
        label="API key"
        wide
        type="password"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={keyHintId}
        placeholder={
          dropsStoredKey
            ? 'Type the key again for the new URL'
            : editing?.keySource === 'stored'
              ? 'Leave empty to keep the stored key'
              : 'Optional for local servers'
        }
        value={apiKey}
        onValue={setApiKey}
      >
        <p id={keyHintId} className="field-hint">
          {dropsStoredKey
            ? 'The base URL changed: the stored key is only ever sent to the URL it was saved for, so saving drops it unless you type it again. '
            : editing
              ? `${describeKeySource(editing.keySource, editing.envVar)}. `
              : ''}
          The key goes to Spool’s main process and is never shown again.
        </p>
      </TextField>
      <TextField
        label="Default model"
        wide
        list={modelsListId}
        spellCheck={false}
        placeholder="Test the connection to list the models"
        value={defaultModel}
        onValue={setDefaultModel}
      >
        <datalist id={modelsListId}>
          {tested.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </TextField>
      <TestOutcome outcome={outcome} />
      <FormError message={saveError && `Not saved: ${saveError}`} />
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className="button"
          onClick={() => void test()}
          disabled={outcome?.kind === 'testing'}
        >
          Test connection
        </button>
        <button type="submit" className="button button-primary" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}

function TestOutcome({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  if (outcome.kind === 'testing') {
    return (
      <p className="test-outcome" role="status">
        <span className="spinner" aria-hidden="true" /> Testing the connection…
      </p>
    );
  }
  if (outcome.kind === 'result' && outcome.result.ok) {
    const { models } = outcome.result;
    const shown =
      models.slice(0, 6).join(', ') + (models.length > 6 ? `, and ${models.length - 6} more` : '');
    return (
      <p className="test-outcome is-ok" role="status">
        Connected.{' '}
        {models.length === 0 ? outcome.result.message : `${count(models.length, 'model')}: ${shown}`}
      </p>
    );
  }
  const message =
    outcome.kind === 'failed' ? outcome.message : outcome.result.ok ? '' : outcome.result.message;
  return (
    <p className="test-outcome is-error" role="alert">
      Could not connect: {message}
    </p>
  );
}

import { count } from '../../plural';
import { useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { describeError } from '../../api/errors';
import { useStores } from '../../stores/context';
import { localModelsStore } from '../../stores/localModels';
import { TrashIcon } from '../icons';
import { LocalModelAdd } from './LocalModelAdd';
import { describeDownload, describeLocalModel, describeTemplate } from './localModelFormat';
import { FormError } from '../FormError';

/**
 * Settings → Local models: GGUF files run on this computer, offline. What each file's
 * header says (architecture, parameters, context, quantisation, size, and whether it
 * has a chat template or gets plain completion), files that cannot be used and why,
 * Add, and downloads with progress, Pause, Resume and Cancel.
 */
export function LocalModelsSection() {
  const stores = useStores();
  const store = localModelsStore(stores);
  const list = useStore(store, (s) => s.list);
  const downloads = useStore(store, (s) => s.downloads);

  return (
    <section className="settings-section" aria-labelledby="settings-local">
      <h3 id="settings-local" className="settings-heading">
        Local models
      </h3>
      <p className="settings-note">
        GGUF models run inside Spool on this computer, with no network and no server
        {list ? ` (${count(list.threads, 'CPU thread')})` : ''}. Files in{' '}
        <code>{list?.modelsDir ?? 'the models folder'}</code> are found at start.
      </p>
      {list && list.models.length === 0 && <p className="settings-empty">No local models yet.</p>}
      {list && list.models.length > 0 && (
        <ul className="provider-list" aria-label="Local models">
          {list.models.map((m) => (
            <li key={m.id} className="provider-row">
              <div className="provider-row-text">
                <span className="provider-name">
                  {m.name && m.name !== m.architecture ? `${m.fileName} (${m.name})` : m.fileName}
                </span>
                <span className="provider-detail">{describeLocalModel(m)}</span>
                <span className="provider-detail">{describeTemplate(m)}</span>
              </div>
              <button
                type="button"
                className="icon-button icon-button-danger"
                aria-label={`Remove ${m.fileName}`}
                title={
                  m.source === 'folder'
                    ? 'Delete the file from the models folder'
                    : 'Forget this file (it stays on disk)'
                }
                onClick={() => void store.getState().remove(m.id)}
              >
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      {list && list.problems.length > 0 && (
        <ul className="local-problems" aria-label="Files that cannot be used">
          {list.problems.map((p) => (
            <li key={p.path} className="form-error">
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <LocalModelAdd />
      <DownloadForm />
      {downloads.length > 0 && (
        <ul className="provider-list" aria-label="Downloads">
          {downloads.map((d) => (
            <li key={d.id} className="provider-row">
              <div className="provider-row-text">
                <span className="provider-name">{d.fileName}</span>
                <progress
                  max={d.totalBytes ?? undefined}
                  value={d.totalBytes ? d.receivedBytes : undefined}
                  aria-label={`${d.fileName} download progress`}
                />
                <span className="provider-detail">{describeDownload(d)}</span>
              </div>
              {d.state === 'downloading' && (
                <button type="button" className="button" onClick={() => void store.getState().pause(d.id)}>
                  Pause
                </button>
              )}
              {(d.state === 'paused' || d.state === 'error') && (
                <button type="button" className="button" onClick={() => void store.getState().resume(d.id)}>
                  Resume
                </button>
              )}
              {d.state !== 'done' && (
                <button type="button" className="button" onClick={() => void store.getState().cancel(d.id)}>
                  Cancel
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DownloadForm() {
  const stores = useStores();
  const store = localModelsStore(stores);
  const [url, setUrl] = useState('');
  const [sha, setSha] = useState('');
  const [error, setError] = useState<string | null>(null);
  const urlId = useId();
  const shaId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await store.getState().download(url.trim(), sha.trim() || undefined);
      setUrl('');
      setSha('');
    } catch (err) {
      setError(describeError(err));
    }
  }

  return (
    <form className="local-download" onSubmit={(e) => void submit(e)} aria-label="Download a GGUF model">
      <div className="field field-wide">
        <label htmlFor={urlId}>Download a GGUF file from a URL (e.g. Hugging Face “resolve” link)</label>
        <input
          id={urlId}
          className="input"
          inputMode="url"
          spellCheck={false}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
      <div className="field field-wide">
        <label htmlFor={shaId}>Expected sha256 (optional)</label>
        <input
          id={shaId}
          className="input"
          spellCheck={false}
          value={sha}
          onChange={(e) => setSha(e.target.value)}
        />
      </div>
      <FormError message={error} />
      <button type="submit" className="button" disabled={!url.trim()}>
        Download
      </button>
    </form>
  );
}

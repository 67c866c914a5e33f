import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { describeError } from '../../api/errors';
import { useStores } from '../../stores/context';
import { localModelsStore } from '../../stores/localModels';
import { PlusIcon } from '../icons';
import { TextField } from './TextField';
import { FormError } from '../FormError';

/**
 * "Add GGUF file…": the OS file picker on the desktop; in browser mode (no picker
 * reaches this machine's files) a path box. The file is read in place, not copied.
 */
export function LocalModelAdd({ onAdded }: { onAdded?: () => void }) {
  const stores = useStores();
  const store = localModelsStore(stores);
  const canPick = useStore(store, (s) => s.list?.canPickFile ?? false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<unknown>) {
    setError(null);
    setBusy(true);
    try {
      const added = await work();
      if (added) {
        setPath('');
        onAdded?.();
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  if (canPick) {
    return (
      <div className="local-add">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(() => store.getState().pick())}
        >
          <PlusIcon />
          <span>Add GGUF file…</span>
        </button>
        <FormError message={error} />
      </div>
    );
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (path.trim()) void run(() => store.getState().add(path.trim()));
  }

  return (
    <form className="local-add" onSubmit={submit} aria-label="Add a GGUF file">
      <TextField
        label="Path to a GGUF file on this computer"
        wide
        value={path}
        placeholder="/home/me/models/model.Q4_K_M.gguf"
        spellCheck={false}
        onValue={setPath}
      />
      <FormError message={error} />
      <button type="submit" className="button" disabled={busy || !path.trim()}>
        <PlusIcon />
        <span>Add GGUF file</span>
      </button>
    </form>
  );
}

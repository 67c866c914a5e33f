import { useId, useState } from 'react';
import { useStore } from 'zustand';
import type { SyncState } from '../../../../shared/api/schemas/sync';
import { useStores } from '../../stores/context';
import { TextField } from '../settings/TextField';
import { FormError } from '../FormError';

const time = (at: number) => new Date(at).toLocaleTimeString();

/** One line saying what sync is doing, in words. */
export function describeSync(s: SyncState): string {
  switch (s.state) {
    case 'off':
      return 'Off: this library stays on this device.';
    case 'connecting':
      return `Connecting to ${s.server}…`;
    case 'syncing':
      return `Syncing with ${s.server}…`;
    case 'synced':
      return `Synced with ${s.server} at ${time(s.lastSyncedAt)}.`;
    case 'offline':
      return `Offline since ${time(s.since)}: ${s.error} Everything keeps working here; sync resumes by itself.`;
  }
}

/**
 * Settings → Sync: a PostgreSQL connection string and a passphrase. Main checks both
 * against the server before keeping them (like API keys, never shown again); the
 * status line follows sync as it runs.
 */
export function SyncSection() {
  const { sync } = useStores();
  const state = useStore(sync, (s) => s.sync);
  const [url, setUrl] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function run(action: () => Promise<string | null>) {
    setBusy(true);
    setError(await action());
    setBusy(false);
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="settings-heading">
        Sync
      </h3>
      <p className="settings-note">
        The same library on every device, through a PostgreSQL server you run or rent. Everything is encrypted
        here with your passphrase first: the server sees ids, sizes and times, never text.
      </p>
      <p role="status" aria-label="Sync status">
        {describeSync(state)}
      </p>
      {state.state === 'off' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => sync.getState().configure(url.trim(), passphrase)).then(() => setPassphrase(''));
          }}
        >
          <TextField
            label="PostgreSQL connection string"
            value={url}
            onValue={setUrl}
            wide
            placeholder="postgres://user@host/database"
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            label="Sync passphrase"
            value={passphrase}
            onValue={setPassphrase}
            type="password"
            autoComplete="new-password"
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={busy || !url.trim() || !passphrase}>
              Turn on sync
            </button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => sync.getState().disable())}
          >
            Turn off sync
          </button>
        </div>
      )}
      <FormError message={error} />
    </section>
  );
}

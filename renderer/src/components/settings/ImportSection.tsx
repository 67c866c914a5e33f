import { useId, useRef } from 'react';
import { useStore } from 'zustand';
import type { ImportProgress } from '../../../../shared/api/schemas/import';
import { useStores } from '../../stores/context';
import { importPercent, importsStore } from '../../stores/imports';
import { uploadImportFile } from '../../upload';
import { FormError } from '../FormError';

const SOURCE_NAMES = { chatgpt: 'a ChatGPT export', claude: 'a Claude export', spool: 'a Spool export' };

function counts(p: ImportProgress): string {
  return (
    `${p.conversations} conversation${p.conversations === 1 ? '' : 's'} read, ` +
    `${p.conversationsAdded} new, ${p.messagesAdded} message${p.messagesAdded === 1 ? '' : 's'} added`
  );
}

function Bar({ label, percent }: { label: string; percent: number }) {
  return (
    <div
      className="export-progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="export-progress-bar" style={{ width: `${percent}%` }} />
    </div>
  );
}

function Outcome({ p }: { p: ImportProgress }) {
  const from = p.format ? ` from ${SOURCE_NAMES[p.format]}` : '';
  const summary =
    p.state === 'done'
      ? `Imported ${p.conversationsAdded} new conversation${p.conversationsAdded === 1 ? '' : 's'} and ${p.messagesAdded} message${p.messagesAdded === 1 ? '' : 's'}${from}.`
      : p.state === 'cancelled'
        ? `Import stopped: ${counts(p)}. Import the file again to finish.`
        : `Import failed: ${p.error?.message ?? 'unknown error'}`;
  return (
    <div className="import-outcome" role={p.state === 'failed' ? 'alert' : 'status'}>
      <p>{summary}</p>
      {p.state === 'failed' && p.conversationsAdded > 0 && <p>Kept: {counts(p)}.</p>}
      {p.skipped.length > 0 && (
        <ul aria-label="Skipped conversations">
          {p.skipped.map((s) => (
            <li key={s.sourceId + s.title}>
              Skipped “{s.title}”: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Settings → Import: a ChatGPT or Claude data export (the .zip or its
 * conversations.json) or a Spool JSON export. The desktop app opens the OS file
 * picker; browser mode uploads the chosen file to the host first. Progress as a bar
 * with counts, Cancel, and what the import did.
 */
export function ImportSection() {
  const stores = useStores();
  const store = importsStore(stores, uploadImportFile);
  const desktop = useStore(stores.app, (s) => s.info?.mode === 'desktop');
  const { uploading, running, finished, error } = useStore(store);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const busy = uploading !== null || running !== null;

  return (
    <section className="settings-section" aria-labelledby="settings-import">
      <h3 id="settings-import" className="settings-heading">
        Import
      </h3>
      <p className="settings-note">
        Bring your history: a ChatGPT or Claude data export (the .zip, or its conversations.json) or a Spool
        JSON export. Every version of every reply is kept; importing the same file again adds nothing.
      </p>
      {desktop ? (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void store.getState().pickAndImport()}
        >
          Import a file…
        </button>
      ) : (
        <div className="import-upload">
          <label htmlFor={inputId}>Choose an export to import</label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".zip,.json,application/zip,application/json"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file)
                void store
                  .getState()
                  .uploadAndImport(file)
                  .finally(() => input.current && (input.current.value = ''));
            }}
          />
        </div>
      )}
      {uploading && (
        <div className="import-progress" role="status">
          <p>Uploading… {importPercent({ bytesRead: uploading.sent, totalBytes: uploading.total })}%</p>
          <Bar
            label="Uploading the export"
            percent={importPercent({ bytesRead: uploading.sent, totalBytes: uploading.total })}
          />
        </div>
      )}
      {running && (
        <div className="import-progress" role="status">
          <p>
            Importing… {importPercent(running)}% · {counts(running)}
          </p>
          <Bar label="Importing" percent={importPercent(running)} />
          <button type="button" className="button" onClick={() => void store.getState().cancel()}>
            Cancel import
          </button>
        </div>
      )}
      {finished && <Outcome p={finished} />}
      <FormError message={error} />
    </section>
  );
}

import { useId, useState } from 'react';
import { useModalDialog } from '../useModalDialog';
import { useStore } from 'zustand';
import type { ProviderInfo } from '../../../../shared/api/schemas/providers';
import { useStores } from '../../stores/context';
import { ConfirmDialog } from '../ConfirmDialog';
import { CloseIcon, PencilIcon, PlusIcon, TrashIcon } from '../icons';
import { ImportSection } from './ImportSection';
import { DefaultsSection } from './DefaultsSection';
import { PresetsSection } from '../presets/PresetsSection';
import { PricesSection } from '../cost/PricesSection';
import { SyncSection } from '../sync/SyncSection';
import { LocalModelsSection } from './LocalModelsSection';
import { ProviderForm } from './ProviderForm';
import { describeKeySource, describeProvider } from './providerKinds';

type Editing = { mode: 'list' } | { mode: 'add' } | { mode: 'edit'; provider: ProviderInfo };

/**
 * Settings, as a modal <dialog>: the model providers, with add, edit and delete.
 * `startWith: 'add'` opens straight on a new provider (the composer's "Add a provider").
 */
export function SettingsDialog({ startWith, onClose }: { startWith: 'list' | 'add'; onClose(): void }) {
  const ref = useModalDialog();
  const titleId = useId();
  const { providers: store } = useStores();
  const allProviders = useStore(store, (s) => s.providers);
  // "Local models" is listed (and managed) in its own section below.
  const providers = allProviders.filter((p) => p.kind !== 'local');
  const keyProtection = useStore(store, (s) => s.keyProtection);
  const [editing, setEditing] = useState<Editing>({ mode: startWith });
  const [deleting, setDeleting] = useState<ProviderInfo | null>(null);

  return (
    <dialog
      ref={ref}
      className="dialog settings"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!deleting) onClose();
      }}
    >
      <header className="settings-header">
        <h2 id={titleId} className="dialog-title">
          Settings
        </h2>
        <button type="button" className="icon-button" aria-label="Close settings" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>

      <section className="settings-section" aria-labelledby="settings-providers">
        <h3 id="settings-providers" className="settings-heading">
          Model providers
        </h3>
        {keyProtection && (
          <p className={`key-protection${keyProtection.protected ? '' : ' is-warning'}`} role="note">
            {keyProtection.detail}
          </p>
        )}

        {editing.mode === 'list' ? (
          <>
            {providers.length === 0 ? (
              <p className="settings-empty">No providers yet. Add one to start chatting.</p>
            ) : (
              <ul className="provider-list" aria-label="Providers">
                {providers.map((p) => (
                  <li key={p.id} className="provider-row">
                    <div className="provider-row-text">
                      <span className="provider-name">{p.name}</span>
                      <span className="provider-detail">{describeProvider(p)}</span>
                      <span className="provider-detail">
                        {describeKeySource(p.keySource, p.envVar)}
                        {p.defaultModel ? ` · default model ${p.defaultModel}` : ''}
                      </span>
                    </div>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Edit ${p.name}`}
                      onClick={() => setEditing({ mode: 'edit', provider: p })}
                    >
                      <PencilIcon />
                    </button>
                    <button
                      type="button"
                      className="icon-button icon-button-danger"
                      aria-label={`Delete ${p.name}`}
                      onClick={() => setDeleting(p)}
                    >
                      <TrashIcon />
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <button type="button" className="button" onClick={() => setEditing({ mode: 'add' })}>
              <PlusIcon />
              <span>Add provider</span>
            </button>
          </>
        ) : (
          <div
            className="settings-form"
            role="group"
            aria-label={editing.mode === 'add' ? 'New provider' : `Edit ${editing.provider.name}`}
          >
            <ProviderForm
              key={editing.mode === 'edit' ? editing.provider.id : 'new'}
              editing={editing.mode === 'edit' ? editing.provider : undefined}
              onSaved={() => setEditing({ mode: 'list' })}
              onCancel={() => setEditing({ mode: 'list' })}
            />
          </div>
        )}
      </section>

      <LocalModelsSection />

      <ImportSection />
      <DefaultsSection />
      <PresetsSection />
      <PricesSection />
      <SyncSection />

      {deleting && (
        <ConfirmDialog
          title="Delete provider?"
          confirmLabel="Delete"
          onConfirm={() => {
            void store.getState().remove(deleting.id);
            setDeleting(null);
          }}
          onCancel={() => setDeleting(null)}
        >
          “{deleting.name}” and its stored key will be removed. Conversations that use it keep their messages.
        </ConfirmDialog>
      )}
    </dialog>
  );
}

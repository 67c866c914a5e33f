import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/context';
import { PresetForm } from './PresetForm';

/** Settings → Presets: each with Edit and Delete, and New preset. */
export function PresetsSection() {
  const { presets: store } = useStores();
  const presets = useStore(store, (s) => s.presets);
  // null: no form open; 'new'; or the id of the preset being edited.
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  return (
    <section className="settings-section" aria-labelledby="settings-presets">
      <h3 id="settings-presets" className="settings-heading">
        Presets
      </h3>
      <p className="settings-note">
        A name, a system prompt, a model and parameters that a new chat can start from.
      </p>
      {presets.length > 0 && (
        <ul className="preset-list" aria-label="Presets">
          {presets.map((p) =>
            editing === p.id ? (
              <li key={p.id}>
                <PresetForm preset={p} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={p.id} className="preset-row">
                <span className="preset-name">{p.name}</span>
                <span className="preset-model">{p.model ?? 'usual model'}</span>
                <button type="button" className="button button-quiet" onClick={() => setEditing(p.id)}>
                  Edit <span className="visually-hidden">{p.name}</span>
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => void store.getState().remove(p.id)}
                >
                  Delete <span className="visually-hidden">{p.name}</span>
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      {editing === 'new' ? (
        <PresetForm preset={null} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" className="button" onClick={() => setEditing('new')}>
          New preset
        </button>
      )}
    </section>
  );
}

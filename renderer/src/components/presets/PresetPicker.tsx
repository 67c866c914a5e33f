import { useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/context';

/**
 * A new chat's "Start from a preset": choosing one copies its system prompt, parameters
 * and model onto the conversation (presets.apply), before anything is sent.
 */
export function PresetPicker({ conversationId }: { conversationId: string }) {
  const { presets: store } = useStores();
  const presets = useStore(store, (s) => s.presets);
  const [chosen, setChosen] = useState('');
  const id = useId();

  useEffect(() => {
    void store.getState().load();
  }, [store]);
  useEffect(() => setChosen(''), [conversationId]);

  if (presets.length === 0) return null;
  const name = presets.find((p) => p.id === chosen)?.name;
  return (
    <div className="preset-picker">
      <label htmlFor={id}>Start from a preset</label>
      <select
        id={id}
        className="input"
        value={chosen}
        onChange={(e) => {
          const presetId = e.target.value;
          setChosen(presetId);
          if (presetId) void store.getState().apply(presetId, conversationId);
        }}
      >
        <option value="">No preset</option>
        {presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {name && (
        <p className="preset-applied" role="status">
          Using {name}: its system prompt, model and parameters are this conversation’s settings.
        </p>
      )}
    </div>
  );
}

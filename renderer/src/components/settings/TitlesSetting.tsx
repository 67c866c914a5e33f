import { useState } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../../stores/context';

/** Settings → Defaults: whether a new conversation is named by its model or by its first message. */
export function TitlesSetting() {
  const { app } = useStores();
  const saved = useStore(app, (s) => s.settings?.generateTitles ?? true);
  // Shown at once while it is being saved; a save that fails shows the saved value again.
  const [saving, setSaving] = useState<boolean | null>(null);
  return (
    <label className="checkbox-field">
      <input
        type="checkbox"
        checked={saving ?? saved}
        onChange={(e) => {
          const on = e.target.checked;
          setSaving(on);
          void app
            .getState()
            .saveSettings({ generateTitles: on })
            .finally(() => setSaving(null));
        }}
      />
      Let the model name new conversations after their first reply
    </label>
  );
}

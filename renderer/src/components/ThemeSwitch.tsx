import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ThemePreference } from '../stores/app';
import { useStores } from '../stores/context';
import { MonitorIcon, MoonIcon, SunIcon } from './icons';

const OPTIONS: { value: ThemePreference; label: string; icon: ReactNode }[] = [
  { value: 'system', label: 'System', icon: <MonitorIcon /> },
  { value: 'light', label: 'Light', icon: <SunIcon /> },
  { value: 'dark', label: 'Dark', icon: <MoonIcon /> },
];

/** Native radios under the hood, so arrow keys move the choice as users expect. */
export function ThemeSwitch() {
  const { app } = useStores();
  const theme = useStore(app, (s) => s.settings?.theme ?? 'system');
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">Theme</legend>
      {OPTIONS.map((o) => (
        <label key={o.value} className="segment" title={`${o.label} theme`}>
          <input
            type="radio"
            name="theme"
            value={o.value}
            checked={theme === o.value}
            onChange={() => void app.getState().setTheme(o.value)}
            aria-label={`${o.label} theme`}
          />
          {o.icon}
        </label>
      ))}
    </fieldset>
  );
}

import { createStore } from 'zustand/vanilla';
import type { AppInfo, Notice } from '../../../shared/api/schemas/app';
import type { Settings } from '../../../shared/api/schemas/settings';
import type { ApiClient } from '../api/client';

export type ThemePreference = Settings['theme'];

export interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  /** Start-up notices the user has not dismissed yet. */
  notices: Notice[];
  load(): Promise<void>;
  dismissNotice(code: string): void;
  setTheme(theme: ThemePreference): Promise<void>;
  /** Saves some settings; false (and a toast) when main refused them. */
  saveSettings(patch: Partial<Settings>): Promise<boolean>;
}

/** App info (version, data dir, start-up notices) and the user's settings. */
export function createAppStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  const dismissed = new Set<string>();
  return createStore<AppState>()((set, get) => ({
    info: null,
    settings: null,
    notices: [],
    async load() {
      try {
        const [info, settings] = await Promise.all([
          client.call('app.info', {}),
          client.call('settings.get', {}),
        ]);
        set({ info, settings, notices: info.notices.filter((n) => !dismissed.has(n.code)) });
      } catch (err) {
        report(err, 'Could not load Spool’s settings');
      }
    },
    dismissNotice(code) {
      dismissed.add(code);
      set((s) => ({ notices: s.notices.filter((n) => n.code !== code) }));
    },
    async setTheme(theme) {
      const previous = get().settings;
      if (previous) set({ settings: { ...previous, theme } }); // the UI answers at once
      try {
        set({ settings: await client.call('settings.set', { patch: { theme } }) });
      } catch (err) {
        if (previous) set({ settings: previous });
        report(err, 'Could not save the theme');
      }
    },
    async saveSettings(patch) {
      try {
        set({ settings: await client.call('settings.set', { patch }) });
        return true;
      } catch (err) {
        report(err, 'Could not save the settings');
        return false;
      }
    },
  }));
}
export type AppStore = ReturnType<typeof createAppStore>;

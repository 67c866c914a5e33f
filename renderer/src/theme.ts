import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from './stores/context';
import type { ThemePreference } from './stores/app';

const darkQuery = '(prefers-color-scheme: dark)';

/** Sets `data-theme` on <html> so CSS picks its palette; 'system' follows the OS live. */
export function applyTheme(preference: ThemePreference): () => void {
  const media = window.matchMedia(darkQuery);
  const apply = () => {
    const dark = preference === 'dark' || (preference === 'system' && media.matches);
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  };
  apply();
  if (preference !== 'system') return () => {};
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}

export function useThemeFromSettings(): void {
  const { app } = useStores();
  const preference = useStore(app, (s) => s.settings?.theme ?? 'system');
  useEffect(() => applyTheme(preference), [preference]);
}

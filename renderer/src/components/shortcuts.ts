const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How the platform writes its command key before a letter: ⌘K on a Mac, Ctrl+K elsewhere. */
export const MOD_KEY = isMac ? '⌘' : 'Ctrl+';

/** `aria-keyshortcuts` for the command key with `key`. */
export const ariaShortcut = (key: string) => `${isMac ? 'Meta' : 'Control'}+${key}`;

/** Whether a key press is the command key (Ctrl, or ⌘ on a Mac) with `key` and nothing else. */
export function isModKey(e: KeyboardEvent, key: string): boolean {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === key;
}

/** Whether typing goes into a field, so a bare key like `?` is text, not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
  );
}

/** Every shortcut, as the shortcut sheet lists them. */
export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: `${MOD_KEY}N`, does: 'New chat' },
  { keys: `${MOD_KEY}K`, does: 'Search all conversations' },
  { keys: `${MOD_KEY},`, does: 'Open Settings' },
  { keys: `${MOD_KEY}B`, does: 'Show or hide the sidebar' },
  { keys: `${MOD_KEY}/ or ?`, does: 'Show these shortcuts' },
  { keys: 'Enter', does: 'Send the message' },
  { keys: 'Shift+Enter', does: 'New line in the message' },
  { keys: 'Esc', does: 'Stop the reply, or close a dialog' },
  { keys: '↑ in an empty message box', does: 'Edit your last message' },
  { keys: '↑ ↓ then Enter', does: 'Move through search results and open one' },
];

import { createStore } from 'zustand/vanilla';
import { describeError } from '../api/errors';

export interface Toast {
  id: number;
  message: string;
}

export interface ToastsState {
  toasts: Toast[];
  /** Shows what went wrong; every failed API call ends up here, never silently. */
  report(err: unknown, context?: string): void;
  dismiss(id: number): void;
}

/** At most this many toasts at once; older ones make room. */
const MAX_TOASTS = 4;

export function createToastsStore() {
  let nextId = 1;
  return createStore<ToastsState>()((set) => ({
    toasts: [],
    report(err, context) {
      const text = describeError(err);
      const message = context ? `${context}: ${text}` : text;
      set((s) => ({ toasts: [...s.toasts, { id: nextId++, message }].slice(-MAX_TOASTS) }));
    },
    dismiss(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  }));
}
export type ToastsStore = ReturnType<typeof createToastsStore>;

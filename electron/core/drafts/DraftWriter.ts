import { systemClock, type Clock } from '../deps';
import type { DraftStore } from './DraftStore';

export interface DraftWriterOptions {
  store: DraftStore;
  clock?: Clock;
  /** At most one write per conversation per this many ms; default 250. */
  debounceMs?: number;
  onInternalError?: (err: unknown, where: string) => void;
}

interface Pending {
  text: string;
  at: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Drafts change on every keystroke; writing each one would be a transaction per key.
 * The writer keeps the latest text per conversation and writes it once the typing
 * pauses for `debounceMs` (coalesced per conversation), at once when the draft is
 * cleared (a sent message must not come back), and on `flushAll()` (window close,
 * quit). Reads see pending text first, so a reloaded window shows what was typed.
 */
export class DraftWriter {
  private readonly store: DraftStore;
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly reportInternal: (err: unknown, where: string) => void;
  private readonly pending = new Map<string, Pending>();
  private closed = false;

  constructor(options: DraftWriterOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.debounceMs = options.debounceMs ?? 250;
    this.reportInternal = options.onInternalError ?? ((err, where) => console.error(where, err));
  }

  get(conversationId: string): { text: string; updatedAt: number | null } {
    const pending = this.pending.get(conversationId);
    if (pending) return { text: pending.text, updatedAt: pending.at };
    const stored = this.store.get(conversationId);
    return stored ?? { text: '', updatedAt: null };
  }

  set(conversationId: string, text: string): void {
    if (this.closed) throw new Error('DraftWriter is closed');
    const entry = this.pending.get(conversationId) ?? { text, at: 0, timer: null };
    entry.text = text;
    entry.at = this.clock.now();
    this.pending.set(conversationId, entry);
    if (text === '') {
      this.flush(conversationId);
      return;
    }
    entry.timer ??= setTimeout(() => {
      entry.timer = null;
      this.flush(conversationId);
    }, this.debounceMs);
  }

  /** Writes every pending draft now. Returns false when a write failed (the text stays pending). */
  flushAll(): boolean {
    let ok = true;
    for (const id of [...this.pending.keys()]) ok = this.flush(id) && ok;
    return ok;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  close(): void {
    this.flushAll();
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
    this.closed = true;
  }

  private flush(conversationId: string): boolean {
    const entry = this.pending.get(conversationId);
    if (!entry) return true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    try {
      this.store.put(conversationId, entry.text, entry.at);
      this.pending.delete(conversationId);
      return true;
    } catch (err) {
      // Storage refused (disk full, busy): keep the text in memory and try again later.
      this.reportInternal(err, 'drafts.write');
      if (!this.closed) {
        entry.timer = setTimeout(() => {
          entry.timer = null;
          this.flush(conversationId);
        }, this.debounceMs * 4);
        entry.timer.unref?.();
      }
      return false;
    }
  }
}

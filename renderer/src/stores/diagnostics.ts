import { createStore } from 'zustand/vanilla';
import { STATS_PERIODS, type Stats, type StatsPeriod } from '../../../shared/api/schemas/stats';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';

export interface DiagnosticsState {
  period: StatsPeriod;
  stats: Stats | null;
  error: string | null;
  loading: boolean;
  /** Loads the figures of `period` (the current one when absent). */
  load(period?: StatsPeriod): Promise<void>;
}

/** The Diagnostics dialog's figures: local counters of one period, read when asked. */
export function createDiagnosticsStore(client: ApiClient) {
  let asked = 0;
  const store = createStore<DiagnosticsState>()((set, get) => ({
    period: '24h',
    stats: null,
    error: null,
    loading: false,
    async load(period = get().period) {
      const ticket = ++asked;
      set({ period, loading: true, error: null });
      try {
        const stats = await client.call('stats.get', { sinceMs: STATS_PERIODS[period] });
        if (ticket === asked) set({ stats, loading: false });
      } catch (err) {
        if (ticket === asked) set({ error: describeError(err), loading: false });
      }
    },
  }));
  return store;
}
export type DiagnosticsStore = ReturnType<typeof createDiagnosticsStore>;

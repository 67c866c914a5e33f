import { createStore } from 'zustand/vanilla';
import type { DiagnosticsReport } from '../../../shared/api/schemas/diagnostics';
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
  /** The last "Report a problem" bundle written, or why it failed. */
  report: { status: 'idle' | 'writing' | 'written' | 'failed'; written?: DiagnosticsReport; error?: string };
  /** Writes a diagnostics bundle (optionally with one message's chunk log). */
  writeReport(messageId?: string): Promise<void>;
}

/** The Diagnostics dialog's figures: local counters of one period, read when asked. */
export function createDiagnosticsStore(client: ApiClient) {
  let asked = 0;
  const store = createStore<DiagnosticsState>()((set, get) => ({
    period: '24h',
    stats: null,
    error: null,
    loading: false,
    report: { status: 'idle' },
    async writeReport(messageId) {
      set({ report: { status: 'writing' } });
      try {
        const written = await client.call('diagnostics.report', messageId ? { messageId } : {});
        set({ report: { status: 'written', written } });
      } catch (err) {
        set({ report: { status: 'failed', error: describeError(err) } });
      }
    },
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

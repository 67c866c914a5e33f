import { createStore } from 'zustand/vanilla';
import type { DiagnosticsReport, RecentReply } from '../../../shared/api/schemas/diagnostics';
import { STATS_PERIODS, type Stats, type StatsPeriod } from '../../../shared/api/schemas/stats';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import type { Download } from './exports';

/** The last "Report a problem" bundle: being written, written (and for which message), or why not. */
export interface ReportState {
  status: 'idle' | 'writing' | 'written' | 'failed';
  /** The message whose chunk log was asked for, if any. */
  messageId?: string;
  written?: DiagnosticsReport;
  /** Why writing, downloading or showing it failed. */
  error?: string;
}

export interface DiagnosticsState {
  period: StatsPeriod;
  stats: Stats | null;
  error: string | null;
  loading: boolean;
  /** Loads the figures of `period` (the current one when absent). */
  load(period?: StatsPeriod): Promise<void>;
  /** The replies a report can include, newest first (null until loaded). */
  replies: RecentReply[] | null;
  /** The reply whose chunk log the next report includes; '' for none. */
  chosen: string;
  loadReplies(): Promise<void>;
  choose(messageId: string): void;
  report: ReportState;
  /** Writes a diagnostics bundle (optionally with one message's chunk log). */
  writeReport(messageId?: string): Promise<void>;
  /** Hands the written bundle over: the desktop shows it in its folder, browser mode downloads it. */
  offerReport(): Promise<void>;
}

/**
 * The Diagnostics dialog's figures (local counters of one period, read when asked)
 * and "Report a problem". `download` is how browser mode saves the zip (see ../download.ts).
 */
export function createDiagnosticsStore(client: ApiClient, options: { download?: Download } = {}) {
  let asked = 0;
  const store = createStore<DiagnosticsState>()((set, get) => ({
    period: '24h',
    stats: null,
    error: null,
    loading: false,
    replies: null,
    chosen: '',
    report: { status: 'idle' },
    async writeReport(messageId) {
      set({ report: { status: 'writing', ...(messageId ? { messageId } : {}) } });
      try {
        const written = await client.call('diagnostics.report', messageId ? { messageId } : {});
        set({ report: { status: 'written', written, ...(messageId ? { messageId } : {}) } });
      } catch (err) {
        set({ report: { status: 'failed', error: describeError(err), ...(messageId ? { messageId } : {}) } });
      }
    },
    async offerReport() {
      const { report } = get();
      const written = report.written;
      if (!written) return;
      try {
        if (written.canShowInFolder) {
          await client.call('diagnostics.showReport', { fileName: written.fileName });
        } else {
          if (!options.download) throw new Error('This window cannot download files.');
          await options.download(written.downloadPath, written.fileName);
        }
        set({ report: { ...report, error: undefined } });
      } catch (err) {
        set({ report: { ...report, error: describeError(err) } });
      }
    },
    async loadReplies() {
      try {
        const { replies } = await client.call('diagnostics.recentReplies', {});
        const { chosen } = get();
        // A chosen reply that is no longer listed (deleted since) is not silently kept.
        set({ replies, chosen: replies.some((r) => r.messageId === chosen) ? chosen : '' });
      } catch (err) {
        set({ replies: [], error: describeError(err) });
      }
    },
    choose(messageId) {
      set({ chosen: messageId });
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

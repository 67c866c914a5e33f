import { createStore } from 'zustand/vanilla';
import type { ExportDescription, ExportTarget } from '../../../shared/api/schemas/export';
import type { ApiClient } from '../api/client';

/** One export on its way: what it is, and how far it got (items, from `export.progress`). */
export interface RunningExport {
  exportId: string;
  label: string;
  done: number;
  total: number;
}

/** What an export left to say: where it went, and whether it may be incomplete. */
export interface ExportNotice {
  id: number;
  message: string;
  /** The "may be incomplete" words, when part of the export existed only in memory. */
  warning: string | null;
}

export interface ExportsState {
  running: readonly RunningExport[];
  notices: readonly ExportNotice[];
  /**
   * Saves `target` where the user chooses (desktop: the OS dialog) or, in browser
   * mode, downloads it. Never throws: failures go to the error toasts.
   */
  start(target: ExportTarget, label: string): Promise<void>;
  dismiss(noticeId: number): void;
}

/**
 * Starts a browser download of a same-origin path (see ../download.ts). May return a
 * promise (browser mode first asks for a ticket); a rejection becomes the error shown.
 */
export type Download = (path: string, fileName: string) => unknown;

const MAX_NOTICES = 3;

export function createExportsStore(
  client: ApiClient,
  report: (err: unknown, context: string) => void,
  /** `download` is absent where there is no page to download into (tests over a bridge). */
  options: { download?: Download; newId?: () => string } = {},
) {
  const newId = options.newId ?? (() => crypto.randomUUID());
  let nextNoticeId = 1;

  const store = createStore<ExportsState>()((set) => {
    const notify = (message: string, warning: string | null) =>
      set((s) => ({
        notices: [...s.notices, { id: nextNoticeId++, message, warning }].slice(-MAX_NOTICES),
      }));

    const afterDownload = async (description: ExportDescription) => {
      if (!options.download) throw new Error('This window cannot download files.');
      await options.download(description.downloadPath, description.fileName);
      // The browser shows the download itself; only a possibly incomplete one needs words here.
      if (description.incomplete) {
        notify(`Downloaded ${description.fileName}`, description.warning ?? 'The export may be incomplete.');
      }
    };

    return {
      running: [],
      notices: [],
      async start(target, label) {
        const exportId = newId();
        set((s) => ({ running: [...s.running, { exportId, label, done: 0, total: 0 }] }));
        try {
          const result = await client.call('export.save', { target, exportId });
          if (result.outcome === 'saved') {
            const warning = result.incomplete ? (result.warning ?? 'The export may be incomplete.') : null;
            notify(`Saved to ${result.path}`, warning);
          } else if (result.outcome === 'download') {
            await afterDownload(result.description);
          }
          // 'cancelled': the user closed the dialog; nothing to say.
        } catch (err) {
          report(err, `Could not export ${label.toLowerCase()}`);
        } finally {
          set((s) => ({ running: s.running.filter((r) => r.exportId !== exportId) }));
        }
      },
      dismiss(noticeId) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== noticeId) }));
      },
    };
  });

  // Progress arrives as events tagged with the id this store chose; others' exports are ignored.
  client.on('export.progress', ({ exportId, done, total }) => {
    const { running } = store.getState();
    if (!running.some((r) => r.exportId === exportId)) return;
    store.setState({
      running: running.map((r) => (r.exportId === exportId ? { ...r, done, total } : r)),
    });
  });

  return store;
}
export type ExportsStore = ReturnType<typeof createExportsStore>;

/** Whole percent of a running export; 0 until the first progress event says how much there is. */
export function percentDone(run: Pick<RunningExport, 'done' | 'total'>): number {
  if (run.total <= 0) return 0;
  return Math.min(100, Math.floor((run.done / run.total) * 100));
}

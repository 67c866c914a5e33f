import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { percentDone, type ExportNotice, type RunningExport } from '../stores/exports';
import { CloseIcon } from './icons';
import '../styles/exports.css';

/** How long "Saved to …" stays when there is nothing to warn about. */
const NOTICE_MS = 8000;

/** Exports on their way (a progress bar each) and what finished ones left to say. */
export function ExportProgress() {
  const { exports } = useStores();
  const running = useStore(exports, (s) => s.running);
  const notices = useStore(exports, (s) => s.notices);
  if (running.length === 0 && notices.length === 0) return null;
  return (
    <div className="export-toasts">
      {running.map((run) => (
        <ProgressToast key={run.exportId} run={run} />
      ))}
      {notices.map((notice) => (
        <NoticeToast key={notice.id} notice={notice} />
      ))}
    </div>
  );
}

function ProgressToast({ run }: { run: RunningExport }) {
  const percent = percentDone(run);
  const known = run.total > 0;
  return (
    <div className="export-toast" role="status">
      <p className="export-toast-text">
        {run.label}: Exporting…{known ? ` ${percent}%` : ''}
      </p>
      <div
        className="export-progress"
        role="progressbar"
        aria-label={`Exporting ${run.label.toLowerCase()}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
      >
        <div
          className={`export-progress-bar${known ? '' : ' is-indeterminate'}`}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}

function NoticeToast({ notice }: { notice: ExportNotice }) {
  const { exports } = useStores();
  const onDismiss = () => exports.getState().dismiss(notice.id);
  useEffect(() => {
    // A warning stays until read and dismissed; a plain "Saved to" goes by itself.
    if (notice.warning) return;
    const timer = setTimeout(() => exports.getState().dismiss(notice.id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [exports, notice.id, notice.warning]);
  return (
    <div className={`export-toast${notice.warning ? ' is-warning' : ''}`} role="status">
      <div className="export-toast-text">
        <p className="export-toast-path">{notice.message}</p>
        {notice.warning && <p className="export-toast-warning">{notice.warning}</p>}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss export notice" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}

import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import type { RecentReply } from '../../../../shared/api/schemas/diagnostics';
import { useStores } from '../../stores/context';
import '../../styles/diagnostics.css';

const STATUS_WORDS: Record<RecentReply['status'], string> = {
  complete: 'complete',
  streaming: 'streaming',
  interrupted: 'interrupted',
  error: 'failed',
  cancelled: 'stopped',
};

function replyLabel(r: RecentReply): string {
  const when = new Date(r.createdAt).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
  return `${r.conversationTitle} — ${r.snippet} (${STATUS_WORDS[r.status]}, ${when})`;
}

/**
 * The Diagnostics dialog's "Report a problem": which reply's chunk log to include,
 * then the zip — where it went, what is inside, and the way to get at it.
 */
export function ReportProblem() {
  const { diagnostics } = useStores();
  const report = useStore(diagnostics, (s) => s.report);
  const replies = useStore(diagnostics, (s) => s.replies);
  const chosen = useStore(diagnostics, (s) => s.chosen);
  const chooseId = useId();

  useEffect(() => {
    void diagnostics.getState().loadReplies();
  }, [diagnostics]);

  return (
    <section aria-label="Report a problem" className="diagnostics-report">
      <h3 className="inspector-subtitle">Report a problem</h3>
      <p className="diagnostics-note">
        Writes a zip on this computer with the app version, OS, settings without API keys, recent log lines
        (secrets redacted), these figures and, if you choose one, a reply’s chunk log. Open it and read it
        before you share it.
      </p>
      <label className="diagnostics-choose" htmlFor={chooseId}>
        Include the chunk log of
        <select
          className="select"
          id={chooseId}
          value={chosen}
          disabled={replies === null}
          onChange={(e) => diagnostics.getState().choose(e.target.value)}
        >
          <option value="">No message</option>
          {replies?.map((r) => (
            <option key={r.messageId} value={r.messageId}>
              {replyLabel(r)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button"
        disabled={report.status === 'writing'}
        onClick={() => void diagnostics.getState().writeReport(chosen || undefined)}
      >
        Report a problem
      </button>
      <ReportWritten />
    </section>
  );
}

/**
 * Where the last report went and what is inside, with "Download the report" (browser
 * mode) or "Show in folder" (desktop). `forMessage`: only a report of that message.
 */
export function ReportWritten({ forMessage }: { forMessage?: string }) {
  const { diagnostics } = useStores();
  const report = useStore(diagnostics, (s) => s.report);
  if (forMessage !== undefined && report.messageId !== forMessage) return null;
  const { written } = report;
  return (
    <>
      {report.status === 'written' && written && (
        <div className="diagnostics-written">
          <p role="status">
            Saved to <code>{written.path}</code> ({written.files.join(', ')})
          </p>
          <button type="button" className="button" onClick={() => void diagnostics.getState().offerReport()}>
            {written.canShowInFolder ? 'Show in folder' : 'Download the report'}
          </button>
        </div>
      )}
      {report.error && (
        <p className="message-error">
          {report.status === 'failed' ? 'Not written: ' : ''}
          {report.error}
        </p>
      )}
    </>
  );
}

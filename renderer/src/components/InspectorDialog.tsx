import { useId } from 'react';
import { useModalDialog } from './useModalDialog';
import { useStore } from 'zustand';
import type { HistoryEvent, SentRequest, StreamInspection } from '../../../shared/api/schemas/inspector';
import { useStores } from '../stores/context';
import { ReportWritten } from './diagnostics/ReportProblem';
import { CloseIcon } from './icons';
import { ms, seconds, StreamChart } from './StreamChart';

const EVENT_LABELS: Record<HistoryEvent['kind'], string> = {
  started: 'Started',
  continued: 'Continued',
  streaming: 'Streaming now',
  finished: 'Finished',
  stopped: 'Stopped by you',
  interrupted: 'Interrupted',
  failed: 'Failed',
  recovered: 'Recovered',
  exported: 'Exported',
  regenerated: 'Regenerated',
};

/** What happened to a reply: each stream's chunk arrivals, its figures, and the status history. */
export function InspectorDialog() {
  const { inspector } = useStores();
  const messageId = useStore(inspector, (s) => s.messageId);
  const inspection = useStore(inspector, (s) => s.inspection);
  const error = useStore(inspector, (s) => s.error);
  const ref = useModalDialog();
  const titleId = useId();

  return (
    <dialog
      ref={ref}
      className="dialog inspector-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        inspector.getState().close();
      }}
    >
      <header className="inspector-header">
        <h2 id={titleId} className="dialog-title">
          Stream inspector
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close stream inspector"
          onClick={() => inspector.getState().close()}
          autoFocus
        >
          <CloseIcon />
        </button>
      </header>
      {error && <p className="message-error">{error}</p>}
      {!inspection && !error && <p className="inspector-empty">Reading the chunk log…</p>}
      {inspection && inspection.streams.length === 0 && (
        <p className="inspector-empty">This message has no stream: it was not written by a provider.</p>
      )}
      {inspection?.streams.map((stream, i) => (
        <StreamSection key={stream.streamId} stream={stream} index={i} total={inspection.streams.length} />
      ))}
      {inspection && inspection.history.length > 0 && (
        <section className="inspector-history">
          <h3 className="inspector-subtitle" id={`${titleId}-history`}>
            Status history
          </h3>
          <ol className="history-list" aria-labelledby={`${titleId}-history`}>
            {inspection.history.map((event, i) => (
              <li key={i} className={`history-event is-${event.kind}`}>
                <span className="history-kind">{EVENT_LABELS[event.kind]}</span>
                <time className="history-time" dateTime={new Date(event.at).toISOString()}>
                  {new Date(event.at).toLocaleTimeString()}
                </time>
                {event.detail && <span className="history-detail">{event.detail}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {messageId && inspection && inspection.streams.length > 0 && <ReportThisReply messageId={messageId} />}
    </dialog>
  );
}

/** "Report a problem" with this reply's chunk log in the bundle, without going through Diagnostics. */
function ReportThisReply({ messageId }: { messageId: string }) {
  const { diagnostics } = useStores();
  const writing = useStore(
    diagnostics,
    (s) => s.report.status === 'writing' && s.report.messageId === messageId,
  );
  return (
    <div className="inspector-report">
      <button
        type="button"
        className="button"
        disabled={writing}
        onClick={() => void diagnostics.getState().writeReport(messageId)}
      >
        Report a problem with this reply
      </button>
      <ReportWritten forMessage={messageId} />
    </div>
  );
}

function StreamSection({ stream, index, total }: { stream: StreamInspection; index: number; total: number }) {
  const batches = stream.commitBatches;
  return (
    <section className="inspector-stream" aria-label={`Stream ${index + 1} of ${total}`}>
      <h3 className="inspector-subtitle">
        {total > 1 ? `Stream ${index + 1} of ${total}${index > 0 ? ' (continued)' : ''}` : 'Stream'}
        <span className="inspector-model">{[stream.model, stream.status].filter(Boolean).join(' · ')}</span>
      </h3>
      <StreamChart stream={stream} />
      <dl className="inspector-figures">
        <Figure
          name="Time to first chunk"
          value={stream.timeToFirstChunkMs === null ? '—' : ms(stream.timeToFirstChunkMs)}
        />
        <Figure name="Duration" value={seconds(stream.durationMs)} />
        <Figure
          name="Chunks"
          value={`${stream.chunks}${stream.rawEvents ? ` (+${stream.rawEvents} raw)` : ''}`}
        />
        <Figure name="Size" value={bytes(stream.bytes)} />
        <Figure name="Chunks/s" value={stream.chunksPerSec?.toString() ?? '—'} />
        <Figure
          name="Tokens/s"
          value={stream.tokensPerSec?.toString() ?? '—'}
          hint="text and reasoning deltas per second; providers send about one token per delta"
        />
        <Figure name="Stalls" value={`${stream.stalls.length} (> ${ms(stream.stallThresholdMs)})`} />
        <Figure
          name="Commit batches"
          value={`${batches.count}, up to ${batches.largest} chunks`}
          hint={
            batches.source === 'recorded'
              ? 'counted as they were committed'
              : 'estimated: chunks that arrived in the same millisecond (counts are only kept for streams written since launch)'
          }
        />
      </dl>
      <SentSection sent={stream.sent} />
      {stream.error && <p className="message-error">{stream.error.message}</p>}
    </section>
  );
}

const PROVIDER_DEFAULT = 'provider default';

/** What this stream's request sent besides the messages: the system prompt and the parameters. */
function SentSection({ sent }: { sent: SentRequest }) {
  const { params } = sent;
  return (
    // The group is a wrapper: a role on the <dl> itself would unmake its <dt>/<dd> list.
    <div role="group" aria-label="Sent with the request">
      <dl className="inspector-figures inspector-sent">
        <Figure name="System prompt" value={sent.system ?? 'none'} />
        <Figure name="Temperature" value={params.temperature?.toString() ?? PROVIDER_DEFAULT} />
        <Figure name="Top-p" value={params.topP?.toString() ?? PROVIDER_DEFAULT} />
        <Figure name="Max output tokens" value={params.maxOutputTokens?.toString() ?? PROVIDER_DEFAULT} />
        <Figure name="Reasoning effort" value={params.reasoningEffort ?? PROVIDER_DEFAULT} />
      </dl>
    </div>
  );
}

function Figure({ name, value, hint }: { name: string; value: string; hint?: string }) {
  return (
    <div className="figure">
      <dt>{name}</dt>
      <dd title={hint}>
        {value}
        {hint && <span className="figure-hint">{hint}</span>}
      </dd>
    </div>
  );
}

function bytes(n: number): string {
  return n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${(n / 1048576).toFixed(1)} MiB`;
}

import { useEffect, useId } from 'react';
import { useModalDialog } from '../useModalDialog';
import { useStore } from 'zustand';
import type { Distribution, Stats, StatsPeriod } from '../../../../shared/api/schemas/stats';
import type { ProviderErrorStatClass } from '../../../../shared/providerErrors';
import { useStores } from '../../stores/context';
import { CloseIcon } from '../icons';
import { BarChart } from './BarChart';
import { HorizontalBarChart } from './HorizontalBarChart';
import { ReportProblem } from './ReportProblem';
import '../../styles/diagnostics.css';

const PERIODS: { value: StatsPeriod; label: string }[] = [
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
];

/** One per class the figures count by: the compiler refuses a missing or unknown one. */
const ERROR_LABELS: Record<ProviderErrorStatClass, string> = {
  connect: 'Could not connect',
  connection_lost: 'Connection lost',
  rate_limit: '429',
  server: '5xx',
  first_chunk_timeout: 'First chunk',
  idle_timeout: 'Idle',
  malformed: 'Malformed',
  auth: 'Auth',
  other: 'Other',
};

const dist = (d: Distribution, unit: string) =>
  d.samples === 0 ? '—' : `${d.p50}${unit} median · ${d.p90}${unit} p90`;

/** How reliable Spool has been here: local figures only, never sent anywhere. */
export function DiagnosticsDialog({ onClose }: { onClose(): void }) {
  const { diagnostics } = useStores();
  const { period, stats, error, loading } = useStore(diagnostics);
  const ref = useModalDialog();
  const titleId = useId();
  const periodId = useId();

  useEffect(() => {
    void diagnostics.getState().load();
  }, [diagnostics]);

  return (
    <dialog
      ref={ref}
      className="dialog diagnostics-dialog"
      aria-labelledby={titleId}
      aria-busy={loading}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="inspector-header">
        <h2 id={titleId} className="dialog-title">
          Diagnostics
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close diagnostics"
          onClick={onClose}
          autoFocus
        >
          <CloseIcon />
        </button>
      </header>
      <p className="diagnostics-note">Figures from this computer’s library only. Nothing is sent anywhere.</p>
      <label className="diagnostics-period" htmlFor={periodId}>
        Period
        <select
          className="select"
          id={periodId}
          value={period}
          onChange={(e) => void diagnostics.getState().load(e.target.value as StatsPeriod)}
        >
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="message-error">{error}</p>}
      {stats && <Figures stats={stats} />}
      <ReportProblem />
    </dialog>
  );
}

/** An hour in local time ("14:00"); a day as its UTC date ("11-22"), as the server buckets it. */
function bucketLabel(start: number, bucket: Stats['timeline']['bucket']): string {
  const d = new Date(start);
  return bucket === 'hour' ? `${String(d.getHours()).padStart(2, '0')}:00` : d.toISOString().slice(5, 10);
}

function Figures({ stats }: { stats: Stats }) {
  const s = stats.streams;
  const rate = stats.persistence.rate === null ? '—' : `${(stats.persistence.rate * 100).toFixed(2)} %`;
  return (
    <>
      <section aria-label="Streams">
        <h3 className="inspector-subtitle">Streams</h3>
        <dl className="diagnostics-figures">
          <Figure name="Started" value={s.started} />
          <Figure name="Completed" value={s.completed} />
          <Figure name="Interrupted" value={s.interrupted} />
          <Figure name="Errored" value={s.errored} />
          <Figure name="Cancelled" value={s.cancelled} />
        </dl>
        <BarChart
          title={`Streams per ${stats.timeline.bucket} by outcome`}
          bars={stats.timeline.buckets.map((d) => ({
            label: bucketLabel(d.start, stats.timeline.bucket),
            segments: [
              { name: 'completed', value: d.completed, className: 'bar-completed' },
              { name: 'cancelled', value: d.cancelled, className: 'bar-cancelled' },
              { name: 'interrupted', value: d.interrupted, className: 'bar-interrupted' },
              { name: 'errored', value: d.errored, className: 'bar-errored' },
            ],
          }))}
        />
      </section>
      <section aria-label="Provider errors">
        <h3 className="inspector-subtitle">Provider errors</h3>
        <HorizontalBarChart
          title="Provider errors by class"
          barClassName="bar-errored"
          rows={Object.entries(stats.providerErrors).map(([code, n]) => ({
            label: ERROR_LABELS[code as ProviderErrorStatClass] ?? code,
            value: n,
          }))}
        />
      </section>
      <section aria-label="Durability">
        <h3 className="inspector-subtitle">Durability</h3>
        <dl className="diagnostics-figures">
          <Figure name="Persistence" value={rate} />
          <Figure name="Chunks committed" value={stats.persistence.committed} />
          <Figure name="Recoveries" value={stats.recoveries.runs} />
          <Figure name="Messages rebuilt" value={stats.recoveries.messagesRebuilt} />
          <Figure name="Replays" value={stats.replays.count} />
          <Figure name="Replay time" value={dist(stats.replays.timeToComplete, ' ms')} />
          <Figure
            name="Storage failures"
            value={stats.storageFailures.reduce((n, f) => n + f.count, 0)}
            detail={stats.storageFailures.map((f) => `${f.code} ×${f.count}`).join(', ')}
          />
        </dl>
      </section>
      <section aria-label="Providers and models">
        <h3 className="inspector-subtitle">Providers and models</h3>
        {stats.performance.length === 0 ? (
          <p className="inspector-empty">No replies in this period.</p>
        ) : (
          <table className="diagnostics-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Streams</th>
                <th scope="col">First chunk</th>
                <th scope="col">Chunks/s</th>
              </tr>
            </thead>
            <tbody>
              {stats.performance.map((p) => (
                <tr key={`${p.provider}/${p.model}`}>
                  <th scope="row">{p.model ?? 'unknown'}</th>
                  <td>{p.streams}</td>
                  <td>{dist(p.timeToFirstChunkMs, ' ms')}</td>
                  <td>{dist(p.chunksPerSec, '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A figure: a plain <div> of <dt> and <dd>, which is all a <dl> may hold (a role on it is not). */
function Figure({ name, value, detail }: { name: string; value: string | number; detail?: string }) {
  return (
    <div className="diagnostics-figure">
      <dt>{name}</dt>
      <dd title={detail || undefined}>{value}</dd>
    </div>
  );
}

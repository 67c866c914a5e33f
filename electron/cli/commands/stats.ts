import {
  STATS_PERIODS,
  type Distribution,
  type Stats,
  type StatsPeriod,
} from '../../../shared/api/schemas/stats';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit';
import { print } from '../io';
import { openLibrary } from '../library';

/**
 * `spool stats [--json] [--since 24h|7d|30d]`: how reliable Spool has been on this
 * machine — the same figures as the Diagnostics view, from the local database only.
 */
export const statsCommand: Command = {
  name: 'stats',
  usage: 'spool stats [--json] [--since 24h|7d|30d] [--data-dir DIR]',
  summary: 'print local reliability figures (never sent anywhere)',
  options: { json: { type: 'boolean' }, since: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ io, dataDir, values }) {
    const since = (values.since as string | undefined) ?? '24h';
    if (!(since in STATS_PERIODS)) {
      throw new CliError(
        `--since must be one of ${Object.keys(STATS_PERIODS).join(', ')} (got "${since}")`,
        EXIT.usage,
      );
    }
    const core = await openLibrary(io, dataDir, { mustExist: true, quietRecovery: true });
    try {
      const client = core.connect(() => {});
      const result = await client.call('stats.get', { sinceMs: STATS_PERIODS[since as StatsPeriod] });
      client.dispose();
      if (!result.ok) throw new Error(result.error.message);
      const stats = result.data;
      await print(io, values.json ? JSON.stringify(stats, null, 2) + '\n' : formatStats(stats, since));
      return EXIT.ok;
    } finally {
      await core.close();
    }
  },
};

const dist = (d: Distribution, unit: string) =>
  d.samples === 0 ? '—' : `p50 ${d.p50}${unit} · p90 ${d.p90}${unit} · max ${d.max}${unit} (${d.samples})`;

export function formatStats(s: Stats, since: string): string {
  const errors = Object.entries(s.providerErrors)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${code} ${n}`);
  const rate = s.persistence.rate === null ? '—' : `${(s.persistence.rate * 100).toFixed(2)}%`;
  const lines = [
    `Spool on this machine, last ${since} (local figures, never sent anywhere)`,
    '',
    `Streams       started ${s.streams.started} · completed ${s.streams.completed} · interrupted ${s.streams.interrupted} · errored ${s.streams.errored} · cancelled ${s.streams.cancelled}` +
      (s.streams.streaming ? ` · streaming now ${s.streams.streaming}` : ''),
    `Recoveries    ${s.recoveries.runs} run(s): ${s.recoveries.messagesRebuilt} message(s) rebuilt, ${s.recoveries.streamsInterrupted} stream(s) interrupted`,
    `Replays       ${s.replays.count} served, ${s.replays.chunks} chunk(s); time to complete ${dist(s.replays.timeToComplete, ' ms')}`,
    `Persistence   ${rate} (${s.persistence.committed} chunk(s) committed, ${s.persistence.unsaved} unsaved)`,
    `Provider errors  ${errors.length ? errors.join(' · ') : 'none'}`,
    `Storage failures ${s.storageFailures.length ? '' : 'none'}`,
    ...s.storageFailures.map(
      (f) =>
        `  ${f.code}: ${f.count} (${f.recovered} recovered; time to recover ${dist(f.timeToRecoverMs, ' ms')})`,
    ),
    'Per provider and model',
    ...(s.performance.length ? [] : ['  none']),
    ...s.performance.map(
      (p) =>
        `  ${p.provider ?? '?'} / ${p.model ?? '?'}: ${p.streams} stream(s); first chunk ${dist(p.timeToFirstChunkMs, ' ms')}; chunks/s ${dist(p.chunksPerSec, '')}`,
    ),
  ];
  return lines.join('\n') + '\n';
}

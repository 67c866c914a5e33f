import type { Database } from 'better-sqlite3';
import type { Distribution, ProviderErrorClass, Stats } from '../../../shared/api/schemas/stats';
import { PROVIDER_ERROR_STAT_CLASSES, statClassOf } from '../../../shared/providerErrors';
import { streamQueries, type StreamFact } from '../stream/streamQueries';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** p50 / p90 / max of samples (nearest rank). */
export function distribution(samples: number[]): Distribution {
  if (samples.length === 0) return { samples: 0, p50: null, p90: null, max: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { samples: sorted.length, p50: round(rank(0.5)), p90: round(rank(0.9)), max: round(sorted.at(-1)!) };
}

function errorClass(errorJson: string | null): ProviderErrorClass {
  try {
    return statClassOf((JSON.parse(errorJson ?? 'null') as { code?: unknown } | null)?.code);
  } catch {
    return 'other';
  }
}

/**
 * The figures of the last `sinceMs` ms, aggregated on read: stream outcomes, timings
 * and the persistence rate from each stream's facts (what its chunk log proves; kept
 * when the stream is removed, see streamQueries.factsSince), the rest from `counters`. Provider
 * errors count failed attempts: a reply's final error plus each retried attempt.
 */
export function readStats(db: Database, now: number, sinceMs: number): Stats {
  const from = now - sinceMs;
  const streams = streamQueries(db).factsSince(from);

  const outcome = {
    started: streams.length,
    completed: 0,
    interrupted: 0,
    errored: 0,
    cancelled: 0,
    streaming: 0,
  };
  const providerErrors = Object.fromEntries(PROVIDER_ERROR_STAT_CLASSES.map((c) => [c, 0])) as Record<
    ProviderErrorClass,
    number
  >;
  // A day's figures by hour; longer periods by day (7 or 30 bars, not 720).
  const bucket = now - from <= DAY_MS ? 'hour' : 'day';
  const bucketMs = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const slots = new Map<number, Stats['timeline']['buckets'][number]>();
  for (let t = from - (from % bucketMs); t <= now; t += bucketMs) {
    slots.set(t, { start: t, completed: 0, interrupted: 0, errored: 0, cancelled: 0 });
  }
  for (const s of streams) {
    const slot = slots.get(s.started_at - (s.started_at % bucketMs));
    switch (s.status) {
      case 'complete':
        outcome.completed++;
        if (slot) slot.completed++;
        break;
      case 'interrupted':
        outcome.interrupted++;
        if (slot) slot.interrupted++;
        break;
      case 'error':
        outcome.errored++;
        if (slot) slot.errored++;
        providerErrors[errorClass(s.error)]++;
        break;
      case 'cancelled':
        outcome.cancelled++;
        if (slot) slot.cancelled++;
        break;
      default:
        outcome.streaming++;
    }
  }
  // Attempts that failed and were retried: the stream shows only how the last attempt ended.
  for (const r of counterRows(db, 'provider_retry', from)) providerErrors[statClassOf(r.label)] += r.value;

  return {
    from,
    to: now,
    streams: outcome,
    timeline: { bucket, buckets: [...slots.values()] },
    recoveries: recoveries(db, from),
    replays: replays(db, from),
    storageFailures: storageFailures(db, from),
    providerErrors,
    performance: performance(streams),
    persistence: persistence(db, streams, from),
  };
}

function counterRows(db: Database, name: string, from: number) {
  return db
    .prepare<[string, number], { label: string | null; value: number; value2: number | null }>(
      'SELECT label, value, value2 FROM counters WHERE name = ? AND at >= ? ORDER BY at',
    )
    .all(name, from);
}

function recoveries(db: Database, from: number): Stats['recoveries'] {
  const rows = counterRows(db, 'recovery', from);
  return {
    runs: rows.length,
    messagesRebuilt: rows.reduce((n, r) => n + r.value, 0),
    streamsInterrupted: rows.reduce((n, r) => n + (r.value2 ?? 0), 0),
  };
}

function replays(db: Database, from: number): Stats['replays'] {
  const rows = counterRows(db, 'replay', from);
  return {
    count: rows.length,
    chunks: rows.reduce((n, r) => n + r.value, 0),
    timeToComplete: distribution(rows.map((r) => r.value2 ?? 0)),
  };
}

function storageFailures(db: Database, from: number): Stats['storageFailures'] {
  const byCode = new Map<string, { count: number; recovered: number; ms: number[] }>();
  for (const r of counterRows(db, 'storage_failure', from)) {
    const code = r.label ?? 'UNKNOWN';
    const entry = byCode.get(code) ?? { count: 0, recovered: 0, ms: [] };
    entry.count++;
    if (r.value2 === 1) {
      entry.recovered++;
      entry.ms.push(r.value);
    }
    byCode.set(code, entry);
  }
  return [...byCode].map(([code, e]) => ({
    code,
    count: e.count,
    recovered: e.recovered,
    timeToRecoverMs: distribution(e.ms),
  }));
}

function performance(streams: readonly StreamFact[]): Stats['performance'] {
  const rows = streams.filter((s) => s.status !== 'streaming');
  const groups = new Map<
    string,
    { provider: string | null; model: string | null; streams: number; ttfc: number[]; rate: number[] }
  >();
  for (const r of rows) {
    const key = JSON.stringify([r.provider, r.model]);
    const g = groups.get(key) ?? { provider: r.provider, model: r.model, streams: 0, ttfc: [], rate: [] };
    g.streams++;
    if (r.first !== null) {
      g.ttfc.push(r.first);
      const seconds = ((r.last ?? r.first) - r.first) / 1000;
      if (seconds > 0) g.rate.push(r.content / seconds);
    }
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    provider: g.provider,
    model: g.model,
    streams: g.streams,
    timeToFirstChunkMs: distribution(g.ttfc),
    chunksPerSec: distribution(g.rate),
  }));
}

function persistence(db: Database, streams: readonly StreamFact[], from: number): Stats['persistence'] {
  const committed = streams.reduce((n, s) => n + s.committed, 0);
  const unsaved = counterRows(db, 'chunks_unsaved', from).reduce((n, r) => n + r.value, 0);
  const total = committed + unsaved;
  return { committed, unsaved, rate: total === 0 ? null : committed / total };
}

import { z } from 'zod';
import { PROVIDER_ERROR_STAT_CLASSES } from '../../providerErrors';

const Count = z.number().int().nonnegative();

/** Percentiles of per-stream samples; null when there are none. */
export const Distribution = z.object({
  samples: Count,
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  max: z.number().nullable(),
});
export type Distribution = z.infer<typeof Distribution>;

/** What failed attempts are counted by (the list and the mapping: shared/providerErrors.ts). */
export const ProviderErrorClass = z.enum(PROVIDER_ERROR_STAT_CLASSES);
export type ProviderErrorClass = z.infer<typeof ProviderErrorClass>;

/**
 * How reliable Spool has been on this machine over a period. Kept in the local
 * database and never sent anywhere. Stream figures come from each stream's chunk log,
 * kept as facts when a stream is removed (a deleted version or conversation), so they
 * never go down; replays, storage failures and recoveries from `counters`.
 */
export const Stats = z.object({
  /** The period: [from, to] in epoch ms. */
  from: z.number().int(),
  to: z.number().int(),
  streams: z.object({
    started: Count,
    completed: Count,
    interrupted: Count,
    errored: Count,
    cancelled: Count,
    streaming: Count,
  }),
  /**
   * Streams started per hour (the last 24 h) or per UTC day (7 d, 30 d), oldest first,
   * by how they ended: the chart. `start` is the bucket's start (ms since the epoch).
   */
  timeline: z.object({
    bucket: z.enum(['hour', 'day']),
    buckets: z.array(
      z.object({
        start: z.number().int(),
        completed: Count,
        interrupted: Count,
        errored: Count,
        cancelled: Count,
      }),
    ),
  }),
  recoveries: z.object({ runs: Count, messagesRebuilt: Count, streamsInterrupted: Count }),
  replays: z.object({ count: Count, chunks: Count, timeToComplete: Distribution }),
  storageFailures: z.array(
    z.object({
      code: z.string(),
      count: Count,
      /** Episodes that ended with everything written (the rest ended with a quit). */
      recovered: Count,
      timeToRecoverMs: Distribution,
    }),
  ),
  /**
   * Failed provider attempts by class: each reply that ended in a provider error, plus
   * each attempt that failed and was retried, including ones a retry then overcame.
   */
  providerErrors: z.record(ProviderErrorClass, Count),
  /** Per provider and model: time to first chunk (ms) and chunks/s, from each stream's chunk log. */
  performance: z.array(
    z.object({
      provider: z.string().nullable(),
      model: z.string().nullable(),
      streams: Count,
      timeToFirstChunkMs: Distribution,
      chunksPerSec: Distribution,
    }),
  ),
  persistence: z.object({
    /** Chunks in the log for streams of the period. */
    committed: Count,
    /** Chunks received but never written (storage still failing at quit), as far as could be recorded. */
    unsaved: Count,
    /** committed ÷ (committed + unsaved); null with no chunks. */
    rate: z.number().nullable(),
  }),
});
export type Stats = z.infer<typeof Stats>;

export const STATS_PERIODS = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type StatsPeriod = keyof typeof STATS_PERIODS;

export const statsCalls = {
  /** The figures for the last `sinceMs` milliseconds (e.g. 86 400 000 for 24 h). */
  'stats.get': {
    request: z
      .object({
        sinceMs: z
          .number()
          .int()
          .positive()
          .max(3650 * 86_400_000),
      })
      .strict(),
    reply: Stats,
  },
} as const;

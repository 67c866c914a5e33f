import { z } from 'zod';
import { Empty, Id } from './common';

export const RecoveryReport = z.object({
  /** Messages whose snapshot lagged their chunk log and were rebuilt. */
  messagesRebuilt: z.number().int().nonnegative(),
  /** Ownerless `streaming` streams finalised as `interrupted`. */
  streamsInterrupted: z.number().int().nonnegative(),
  /** When the last recovery ran (epoch ms), or null if never in this process. */
  ranAt: z.number().int().nullable(),
});
export type RecoveryReport = z.infer<typeof RecoveryReport>;

export const streamCalls = {
  /**
   * Replays committed chunks with seq > afterSeq, then live ones, as `stream.chunks`
   * events to this caller only, with no gap and no duplicate (DESIGN.md §3.4).
   */
  'streams.subscribe': {
    request: z.object({ streamId: Id, afterSeq: z.number().int().min(-1) }).strict(),
    reply: z.object({ subscriptionId: Id }),
  },
  'streams.unsubscribe': {
    request: z.object({ subscriptionId: Id }).strict(),
    reply: z.object({ subscriptionId: Id }),
  },
  'recovery.report': { request: Empty, reply: RecoveryReport },
} as const;

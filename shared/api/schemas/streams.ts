import { z } from 'zod';
import { Empty, Id } from './common';
import { MessageError } from './messages';

export const RecoveryReport = z.object({
  /** Messages whose snapshot lagged their chunk log and were rebuilt. */
  messagesRebuilt: z.number().int().nonnegative(),
  /** Ownerless `streaming` streams finalised as `interrupted`. */
  streamsInterrupted: z.number().int().nonnegative(),
  /** When the last recovery ran (epoch ms), or null if never in this process. */
  ranAt: z.number().int().nullable(),
});
export type RecoveryReport = z.infer<typeof RecoveryReport>;

/** A stream's row: where it stands now (the CLI follows a reply by it). */
export const StreamStatus = z.object({
  streamId: Id,
  messageId: Id,
  status: z.enum(['streaming', 'complete', 'error', 'cancelled', 'interrupted']),
  error: MessageError.nullable(),
  /** Its last seq once it has ended (-1: it ended with no chunk); null while it streams. */
  lastSeq: z.number().int().min(-1).nullable(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

/** What the last recovery of this process touched, by id (stamped with its `ranAt`). */
export const RecoveredItems = z.object({
  interrupted: z.array(z.object({ streamId: Id, messageId: Id, lastSeq: z.number().int().min(-1) })),
  rebuilt: z.array(Id),
});
export type RecoveredItems = z.infer<typeof RecoveredItems>;

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
  /** The streams finalised and the messages rebuilt by this process's last recovery (`spool recover`). */
  'recovery.items': { request: Empty, reply: RecoveredItems },
  /** One stream's status, error and last committed seq; NOT_FOUND for an unknown id. */
  'streams.status': {
    request: z.object({ streamId: Id }).strict(),
    reply: StreamStatus,
  },
} as const;

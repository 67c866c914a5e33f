import { z } from 'zod';
import { Id, Timestamp } from './common';
import { Usage } from '../../usage';
import { MessageError, MessageRole, MessageStatus } from './messages';
import { ReplyParams } from './params';

/** One chunk's arrival: ms since its stream started, its seq, its logged size, and `n` = chunks so far. */
export const Arrival = z.object({
  tMs: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  n: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  type: z.string(),
});
export type Arrival = z.infer<typeof Arrival>;

/** A gap between two chunks longer than the stall threshold (ms since the stream started). */
export const Stall = z.object({ fromMs: z.number().int(), toMs: z.number().int() });
export type Stall = z.infer<typeof Stall>;

export const CommitBatches = z.object({
  /**
   * 'recorded': counted as this process committed them (streams written since launch).
   * 'inferred': chunks that arrived in the same millisecond, which the engine commits
   * together (one turn, one transaction) — an estimate for streams from earlier runs.
   */
  source: z.enum(['recorded', 'inferred']),
  count: z.number().int().nonnegative(),
  largest: z.number().int().nonnegative(),
});
export type CommitBatches = z.infer<typeof CommitBatches>;

/** What a stream's request sent besides the messages (as recorded in streams.request). */
export const SentRequest = z.object({
  /** null: none was sent. */
  system: z.string().nullable(),
  /** Only the parameters sent; one left out was the provider's default. */
  params: ReplyParams,
});
export type SentRequest = z.infer<typeof SentRequest>;

export const StreamInspection = z.object({
  streamId: Id,
  status: MessageStatus,
  error: MessageError.nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  /** Chunks in the log, excluding the provider's raw events (counted apart). */
  chunks: z.number().int().nonnegative(),
  rawEvents: z.number().int().nonnegative(),
  /** UTF-8 bytes of those chunks as logged. */
  bytes: z.number().int().nonnegative(),
  /** From the start of the request to the first content chunk (text, reasoning or tool input). */
  timeToFirstChunkMs: z.number().int().nullable(),
  /** From start to end (to now while it streams). */
  durationMs: z.number().int().nonnegative(),
  /** Over the generation: first content chunk to last chunk. */
  chunksPerSec: z.number().nullable(),
  /** Text and reasoning deltas per second over the generation: providers send about one token per delta. */
  tokensPerSec: z.number().nullable(),
  /** Downsampled to at most 2000 points (first and last always kept). */
  arrivals: z.array(Arrival),
  stalls: z.array(Stall),
  stallThresholdMs: z.number().int().positive(),
  commitBatches: CommitBatches,
  sent: SentRequest,
});
export type StreamInspection = z.infer<typeof StreamInspection>;

export const HistoryEvent = z.object({
  kind: z.enum([
    'started',
    'continued',
    'streaming',
    'finished',
    'stopped',
    'interrupted',
    'failed',
    // From the audit trail (shared/api/schemas/audit.ts): what the streams rows cannot tell.
    'recovered',
    'exported',
    'regenerated',
  ]),
  at: Timestamp,
  /** The stream it concerns; absent for events of the whole message (exported, regenerated). */
  streamId: Id.optional(),
  /** The error's words for 'failed'; what an audit event adds (e.g. the export format). */
  detail: z.string().optional(),
});
export type HistoryEvent = z.infer<typeof HistoryEvent>;

/** What `spool inspect` shows of one stream: its size, its timing, its life, and what its request sent. */
export const StreamReport = z.object({
  streamId: Id,
  provider: z.string().nullable(),
  providerName: z.string().nullable(),
  model: z.string().nullable(),
  status: MessageStatus,
  error: MessageError.nullable(),
  chunks: z.number().int().nonnegative(),
  /** UTF-8 bytes of the chunks as logged (their JSON payloads, split rows rejoined). */
  bytes: z.number().int().nonnegative(),
  /** Chunks per type, e.g. { 'text-delta': 120, raw: 124 }. */
  byType: z.record(z.string(), z.number().int().nonnegative()),
  textBytes: z.number().int().nonnegative(),
  firstChunkMs: z.number().int().nullable(),
  firstContentMs: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  chunksPerSecond: z.number().nullable(),
  /** Chunks held only in memory (storage failing). */
  unsavedChunks: z.number().int().nonnegative(),
  history: z.array(z.object({ status: MessageStatus, at: Timestamp })),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  sent: SentRequest,
});
export type StreamReport = z.infer<typeof StreamReport>;

/** `spool inspect`: a message's usage and each of its streams' figures. */
export const MessageReport = z.object({
  messageId: Id,
  conversationId: Id,
  role: MessageRole,
  status: MessageStatus,
  createdAt: Timestamp,
  usage: Usage.nullable(),
  streams: z.array(StreamReport),
});
export type MessageReport = z.infer<typeof MessageReport>;

export const inspectorCalls = {
  /** The figures `spool inspect` prints; NOT_FOUND for an unknown message. */
  'streams.report': { request: z.object({ messageId: Id }).strict(), reply: MessageReport },
  /** What each stream of a message did, and the message's status history across its streams. */
  'streams.inspect': {
    request: z.object({ messageId: Id }).strict(),
    reply: z.object({
      messageId: Id,
      streams: z.array(StreamInspection),
      history: z.array(HistoryEvent),
    }),
  },
} as const;

import type { ChunkItem } from '../../../shared/chunks';
import type { LoggedChunk } from './types';

/** A stream as the chunk log tracks it in memory. */
export interface LogStream {
  readonly id: string;
  readonly messageId: string;
  readonly startedAt: number;
  nextSeq: number;
  /** Highest seq in the log (committed). */
  committedSeq: number;
  /** Highest seq delivered to anyone: committed, or live from memory while storage fails. */
  publishedSeq: number;
  ending: boolean;
  /** streams.no · 2^32: the first key of this stream's rows (migration 012). */
  keyBase: bigint;
  /** The same as a number while it is exact (streams.no < 2^21), else -1: no BigInt per row. */
  keyBaseNumber: number;
  /** Row index of this stream's next row (continuation rows count). */
  nextRow: number;
  /** Commit attempt that last touched this stream, and its row index within it. */
  mark: number;
  passRow: number;
  /** The stream's last raw row stored whole (its stored form) and the deltas written against it. */
  rawKey: string | null;
  rawDeltas: number;
  /** The same within the commit being written: kept only once it commits. */
  passRawKey: string | null;
  passRawDeltas: number;
}

/** A chunk waiting for its commit (or, while storage fails, kept in the in-memory tail). */
export interface PendingRow {
  stream: LogStream;
  item: ChunkItem;
  tMs: number;
  payload: string;
}

/** A stream just opened: its seqs start at 0, its rows at `keyBase` (streams.no · 2^32). */
export function newLogStream(id: string, messageId: string, startedAt: number, keyBase: bigint): LogStream {
  return {
    id,
    messageId,
    startedAt,
    nextSeq: 0,
    committedSeq: -1,
    publishedSeq: -1,
    ending: false,
    keyBase,
    keyBaseNumber: keyBase < BigInt(Number.MAX_SAFE_INTEGER) - 2n ** 32n ? Number(keyBase) : -1,
    nextRow: 0,
    mark: -1,
    passRow: 0,
    rawKey: null,
    rawDeltas: 0,
    passRawKey: null,
    passRawDeltas: 0,
  };
}

/** One stream's chunks not yet in the log (pending, or the tail kept while storage fails). */
export function tailOf(pending: readonly PendingRow[], streamId: string): LoggedChunk[] {
  return pending.filter((r) => r.item.streamId === streamId).map((r) => ({ ...r.item, tMs: r.tMs }));
}

/** One stream's not-durable chunks already delivered live, seq > afterSeq. */
export function publishedTailOf(
  pending: readonly PendingRow[],
  stream: LogStream | undefined,
  afterSeq: number,
): ChunkItem[] {
  if (!stream || stream.publishedSeq <= stream.committedSeq) return [];
  const out: ChunkItem[] = [];
  for (const r of pending) {
    if (r.item.streamId === stream.id && r.item.seq > afterSeq && r.item.seq <= stream.publishedSeq) {
      out.push(r.item);
    }
  }
  return out;
}

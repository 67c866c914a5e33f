import type { Database } from 'better-sqlite3';
import type { LogStream, PendingRow } from './logMemory';
import type { StreamEnd } from './types';

/**
 * Open streams whose row is gone (their conversation was deleted mid-reply): a commit
 * carrying their chunks fails on a constraint and never can succeed.
 */
export function vanishedStreams(db: Database, open: Iterable<LogStream>): Set<string> {
  const exists = db.prepare('SELECT 1 FROM streams WHERE id = ?').pluck();
  const vanished = new Set<string>();
  for (const s of open) if (!exists.get(s.id)) vanished.add(s.id);
  return vanished;
}

/** What stays pending once the vanished streams' chunks and ends are dropped. */
export interface PendingWithout {
  pending: PendingRow[];
  pendingBytes: number;
  /** Index of the first row not yet handed on as undurable. */
  undurableFrom: number;
  ends: StreamEnd[];
}

export function pendingWithout(
  pending: PendingRow[],
  ends: StreamEnd[],
  vanished: ReadonlySet<string>,
): PendingWithout {
  const kept = pending.filter((r) => !vanished.has(r.item.streamId));
  const firstNew = kept.findIndex((r) => r.item.seq > r.stream.publishedSeq);
  return {
    pending: kept,
    pendingBytes: kept.reduce((n, r) => n + r.payload.length, 0),
    undurableFrom: firstNew < 0 ? kept.length : firstNew,
    ends: ends.filter((e) => !vanished.has(e.streamId)),
  };
}

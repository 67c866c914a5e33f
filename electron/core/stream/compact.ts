import type { Database } from 'better-sqlite3';

export interface CompactOptions {
  now: number;
  /** Finished streams older than this keep their chunks but lose raw provider events. */
  retentionMs: number;
}

const RAW_PLACEHOLDER = JSON.stringify({ type: 'raw' });

/**
 * Retention (§3.11): the raw provider events of streams that finished ('complete' or
 * 'cancelled') longer than `retentionMs` ago are replaced by value-less placeholders.
 * Seqs stay contiguous and every normalised chunk stays, so replay and rebuilding a
 * message from the log still work; message snapshots are untouched. Interrupted and
 * errored streams are never compacted automatically.
 */
export function compactFinishedStreams(db: Database, options: CompactOptions): { streamsCompacted: number } {
  const due = db
    .prepare<[number], string>(
      `SELECT id FROM streams WHERE status IN ('complete', 'cancelled') AND compacted_at IS NULL
         AND ended_at IS NOT NULL AND ended_at < ?`,
    )
    .pluck()
    .all(options.now - options.retentionMs);
  const dropParts = db.prepare("DELETE FROM chunks WHERE stream_id = ? AND type = 'raw' AND part > 0");
  const stub = db.prepare("UPDATE chunks SET payload = ? WHERE stream_id = ? AND type = 'raw' AND part = 0");
  const mark = db.prepare('UPDATE streams SET compacted_at = ? WHERE id = ?');
  const compactOne = db.transaction((id: string) => {
    dropParts.run(id);
    stub.run(RAW_PLACEHOLDER, id);
    mark.run(options.now, id);
  });
  for (const id of due) compactOne(id);
  return { streamsCompacted: due.length };
}

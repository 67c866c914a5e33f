import type { Database } from 'better-sqlite3';

/** As the inspector counts it: the first chunk that says something. */
const CONTENT_TYPES = "('text-delta', 'reasoning-delta', 'tool-input-start', 'tool-input-delta')";

/** What the figures know of one stream, whether its row is still there or was removed. */
export interface StreamFact {
  status: string;
  provider: string | null;
  model: string | null;
  started_at: number;
  error: string | null;
  /** ms from the stream's start to its first content chunk; null with none. */
  first: number | null;
  /** ms from the stream's start to its last chunk. */
  last: number | null;
  /** Non-raw chunks from the first content chunk on (for chunks/s). */
  content: number;
  /** Chunks in the log (split rows counted once). */
  committed: number;
}

/**
 * Every stream started since `from`: the ones still in `streams` (computed from their
 * chunk log, or as kept when it was compacted: migration 015) and the ones removed since (their facts as kept by migration 009's
 * trigger, computed the same way just before they went). So a regenerated, deleted or
 * purged reply never takes a figure down.
 */
export function streamFacts(db: Database, from: number): StreamFact[] {
  return db
    .prepare<[number, number], StreamFact>(
      `SELECT x.status, x.provider, x.model, x.started_at, x.error, x.first, x.last,
              COALESCE(x.content, (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = x.id AND c.part = 0
                 AND c.type != 'raw' AND c.t_ms >= x.first)) AS content,
              COALESCE(x.committed, (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = x.id AND c.part = 0))
                AS committed
         FROM (SELECT s.id, s.status, s.provider, s.model, s.started_at, s.error,
                      p.content_chunks AS content, p.committed_chunks AS committed,
                      CASE WHEN p.no IS NOT NULL THEN p.first_content_ms ELSE
                        (SELECT MIN(t_ms) FROM chunks c WHERE c.stream_id = s.id AND c.type IN ${CONTENT_TYPES}) END AS first,
                      CASE WHEN p.no IS NOT NULL THEN p.last_ms ELSE
                        (SELECT MAX(t_ms) FROM chunks c WHERE c.stream_id = s.id) END AS last
                 FROM streams s LEFT JOIN packed_streams p ON p.no = s.no WHERE s.started_at >= ?) x
       UNION ALL
       SELECT status, provider, model, started_at, error, first_content_ms, last_ms,
              content_chunks, committed_chunks
         FROM removed_streams WHERE started_at >= ?
       ORDER BY started_at`,
    )
    .all(from, from);
}

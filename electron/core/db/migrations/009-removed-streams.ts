import type { Migration } from './Migration';

/** As the inspector and readStats count it: the first chunk that says something. */
const CONTENT_TYPES = "('text-delta', 'reasoning-delta', 'tool-input-start', 'tool-input-delta')";

/**
 * Counters are facts, not views: a stream's outcome, timings and chunk count must still
 * count once the stream is gone (a deleted version or branch, a purged conversation:
 * every one of those removes `streams` rows by cascade).
 *
 * `removed_streams` keeps, per removed stream, exactly what the figures read from a
 * live one (status, provider, model, start, error, first content chunk and last chunk
 * times, content chunks since the first, committed chunks). A trigger writes it just
 * before the row goes, while its chunks are still there, whichever statement deletes
 * it — a purge in any process, at launch or after an undo window. Kept in SQL so no
 * delete path (present or future) can forget it.
 *
 * No backfill: every stream that exists at upgrade is still in `streams`, so the
 * figures are the same before and after. A stream removed while its row still said
 * 'streaming' (its writer crashed, nothing ended it) never finished: kept as 'interrupted'.
 */
export const m009RemovedStreams: Migration = {
  version: 9,
  name: 'facts of removed streams, for the counters',
  up(db) {
    db.exec(`
      CREATE TABLE removed_streams (
        stream_id         TEXT PRIMARY KEY,
        status            TEXT NOT NULL,
        provider          TEXT,
        model             TEXT,
        started_at        INTEGER NOT NULL,
        ended_at          INTEGER,
        error             TEXT,
        first_content_ms  INTEGER,
        last_ms           INTEGER,
        content_chunks    INTEGER NOT NULL,
        committed_chunks  INTEGER NOT NULL,
        removed_at        INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX removed_streams_by_start ON removed_streams(started_at);

      CREATE TRIGGER streams_keep_facts BEFORE DELETE ON streams
      BEGIN
        INSERT OR REPLACE INTO removed_streams
          (stream_id, status, provider, model, started_at, ended_at, error,
           first_content_ms, last_ms, content_chunks, committed_chunks, removed_at)
        SELECT old.id,
               CASE old.status WHEN 'streaming' THEN 'interrupted' ELSE old.status END,
               old.provider, old.model, old.started_at, old.ended_at, old.error,
               f.first, f.last,
               (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = old.id AND c.part = 0
                  AND c.type != 'raw' AND c.t_ms >= f.first),
               (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = old.id AND c.part = 0),
               CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
          FROM (SELECT (SELECT MIN(t_ms) FROM chunks c
                         WHERE c.stream_id = old.id AND c.type IN ${CONTENT_TYPES}) AS first,
                       (SELECT MAX(t_ms) FROM chunks c WHERE c.stream_id = old.id) AS last) AS f;
      END;
    `);
  },
};

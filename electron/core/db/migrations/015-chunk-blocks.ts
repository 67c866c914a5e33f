import type { Migration } from './Migration';
import { STREAM_KEY_SPAN } from './012-chunk-rows-by-key';

const SPAN = STREAM_KEY_SPAN;

/** As migration 009 and the inspector count it: the first chunk that says something. */
const CONTENT_TYPES = "('text-delta', 'reasoning-delta', 'tool-input-start', 'tool-input-delta')";

/**
 * Compaction at rest (issue 15). A finished stream's chunk rows move, in one
 * transaction, into compressed blocks: `chunk_blocks`, keyed like `chunk_rows`
 * (`streams.no`·2³² + the first seq of the block), with the block's last seq so a
 * replay from any seq finds its block by key range. The stream's last chunk (its
 * finish, error or abort) stays a row, so `streams.last_seq`, the usage read of
 * MessageStore and `lastCommittedSeq` read it as before.
 *
 * `packed_streams` marks a compacted stream and keeps what the figures read from its
 * log (the same facts migration 009 keeps for a removed stream), computed from its
 * rows just before they went; the `chunks` view no longer sees a compacted stream's
 * rows, so the facts trigger is re-created to read them from here. Deleting a stream
 * deletes its blocks and its mark.
 */
export const m015ChunkBlocks: Migration = {
  version: 15,
  name: 'chunk log compacted into blocks at rest',
  up(db) {
    db.exec(`
      CREATE TABLE chunk_blocks (
        key       INTEGER PRIMARY KEY,
        last_seq  INTEGER NOT NULL,
        codec     INTEGER NOT NULL,
        data      BLOB NOT NULL
      ) STRICT;
      CREATE TABLE packed_streams (
        no                INTEGER PRIMARY KEY,
        packed_at         INTEGER NOT NULL,
        first_content_ms  INTEGER,
        last_ms           INTEGER,
        content_chunks    INTEGER NOT NULL,
        committed_chunks  INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER streams_drop_blocks AFTER DELETE ON streams
      BEGIN
        DELETE FROM chunk_blocks WHERE key >= old.no * ${SPAN} AND key < (old.no + 1) * ${SPAN};
        DELETE FROM packed_streams WHERE no = old.no;
      END;

      DROP TRIGGER streams_keep_facts;
      CREATE TRIGGER streams_keep_facts BEFORE DELETE ON streams
      BEGIN
        INSERT OR REPLACE INTO removed_streams
          (stream_id, status, provider, model, started_at, ended_at, error,
           first_content_ms, last_ms, content_chunks, committed_chunks, removed_at)
        SELECT old.id,
               CASE old.status WHEN 'streaming' THEN 'interrupted' ELSE old.status END,
               old.provider, old.model, old.started_at, old.ended_at, old.error,
               f.first, f.last,
               COALESCE(p.content_chunks,
                 (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = old.id AND c.part = 0
                    AND c.type != 'raw' AND c.t_ms >= f.first)),
               COALESCE(p.committed_chunks,
                 (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = old.id AND c.part = 0)),
               CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
          FROM (SELECT ${packedOr('first_content_ms', `SELECT MIN(t_ms) FROM chunks c WHERE c.stream_id = old.id AND c.type IN ${CONTENT_TYPES}`)} AS first,
                       ${packedOr('last_ms', 'SELECT MAX(t_ms) FROM chunks c WHERE c.stream_id = old.id')} AS last) AS f
          LEFT JOIN packed_streams p ON p.no = old.no;
      END;
    `);
  },
};

/** A packed stream's kept fact, else the fact computed from its rows. */
function packedOr(column: string, fromRows: string): string {
  return `CASE WHEN EXISTS (SELECT 1 FROM packed_streams WHERE no = old.no)
               THEN (SELECT ${column} FROM packed_streams WHERE no = old.no) ELSE (${fromRows}) END`;
}

/** The facts of a stream's log, as `packed_streams` keeps them (`@id` = the stream's id). */
export const STREAM_FACTS_SQL = `
  SELECT f.first, f.last,
         (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = s.id AND c.part = 0
            AND c.type != 'raw' AND c.t_ms >= f.first) AS content,
         (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = s.id AND c.part = 0) AS committed
    FROM streams s,
         (SELECT (SELECT MIN(t_ms) FROM chunks c WHERE c.stream_id = @id AND c.type IN ${CONTENT_TYPES}) AS first,
                 (SELECT MAX(t_ms) FROM chunks c WHERE c.stream_id = @id) AS last) AS f
   WHERE s.id = @id`;

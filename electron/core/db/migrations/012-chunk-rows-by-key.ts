import type { Migration } from './Migration';

/** 2^32: a stream's rows have keys no·2^32 + 0, 1, 2, … (its row index). */
export const STREAM_KEY_SPAN = 4_294_967_296;
const SPAN = STREAM_KEY_SPAN;

/**
 * The chunk log moves into a rowid table keyed by one integer (issue 15): `no·2^32 +
 * row`, where `streams.no` numbers the streams and `row` counts a stream's rows
 * (continuation rows included, so row ≥ seq). A stream's rows are clustered and a
 * live stream appends at the right edge of its range: SQLite then adds a page with
 * one new cell ("balance quick") instead of rebalancing three sibling pages of an
 * index b-tree keyed by a text uuid, which is what made each small commit write four
 * or five pages to the WAL. Rows also no longer repeat the stream's 36-byte id.
 *
 * `chunks` stays, as a view with its old columns, so every reader that scans a whole
 * stream (stats, the inspector, the facts trigger of migration 009, tests) reads as
 * before (payload included: the writer leaves out a first row's leading
 * \`{"type":"<type>",\`, which the type column already says, and the view puts it back);
 * before; INSTEAD OF triggers keep plain INSERTs and DELETEs on it working. The hot paths
 * (ChunkWriter, chunkRows.ts) use `chunk_rows` and key ranges directly. Deleting a
 * stream deletes its key range (the foreign key's cascade, by trigger).
 */
export const m012ChunkRowsByKey: Migration = {
  version: 12,
  name: 'chunk log keyed by integer, clustered per stream',
  up(db) {
    db.exec(`
      ALTER TABLE streams ADD COLUMN no INTEGER;
      UPDATE streams SET no = rowid;
      CREATE UNIQUE INDEX streams_by_no ON streams(no);
      CREATE TRIGGER streams_number AFTER INSERT ON streams WHEN new.no IS NULL
      BEGIN
        UPDATE streams SET no = (SELECT COALESCE(MAX(no), 0) + 1 FROM streams) WHERE rowid = new.rowid;
      END;

      CREATE TABLE chunk_rows (
        key      INTEGER PRIMARY KEY,
        seq      INTEGER NOT NULL,
        part     INTEGER NOT NULL,
        t_ms     INTEGER NOT NULL,
        type     TEXT NOT NULL,
        payload  TEXT NOT NULL
      ) STRICT;
      INSERT INTO chunk_rows (key, seq, part, t_ms, type, payload)
        SELECT s.no * ${SPAN} + ROW_NUMBER() OVER (PARTITION BY c.stream_id ORDER BY c.seq, c.part) - 1,
               c.seq, c.part, c.t_ms, c.type, c.payload
          FROM chunks c JOIN streams s ON s.id = c.stream_id;
      DROP TABLE chunks;

      CREATE VIEW chunks AS
        SELECT s.id AS stream_id, r.seq, r.part, r.t_ms, r.type,
               CASE WHEN r.part = 0 AND substr(r.payload, 1, 1) = '"'
                    THEN '{"type":"' || r.type || '",' || r.payload ELSE r.payload END AS payload
          FROM streams s JOIN chunk_rows r ON r.key >= s.no * ${SPAN} AND r.key < (s.no + 1) * ${SPAN};
      CREATE TRIGGER chunks_insert INSTEAD OF INSERT ON chunks
      BEGIN
        SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed')
         WHERE NOT EXISTS (SELECT 1 FROM streams WHERE id = new.stream_id);
        INSERT INTO chunk_rows (key, seq, part, t_ms, type, payload)
          SELECT COALESCE((SELECT MAX(key) + 1 FROM chunk_rows
                            WHERE key >= s.no * ${SPAN} AND key < (s.no + 1) * ${SPAN}), s.no * ${SPAN}),
                 new.seq, COALESCE(new.part, 0), new.t_ms, new.type, new.payload
            FROM streams s WHERE s.id = new.stream_id;
      END;
      CREATE TRIGGER chunks_delete INSTEAD OF DELETE ON chunks
      BEGIN
        DELETE FROM chunk_rows
         WHERE key >= (SELECT no FROM streams WHERE id = old.stream_id) * ${SPAN}
           AND key < ((SELECT no FROM streams WHERE id = old.stream_id) + 1) * ${SPAN}
           AND seq = old.seq AND part = old.part;
      END;
      CREATE TRIGGER streams_drop_chunks AFTER DELETE ON streams
      BEGIN
        DELETE FROM chunk_rows WHERE key >= old.no * ${SPAN} AND key < (old.no + 1) * ${SPAN};
      END;
    `);
  },
};

import type { Migration } from './Migration';
import { STREAM_KEY_SPAN as SPAN } from './012-chunk-rows-by-key';

/**
 * Raw provider events of a live stream are stored as deltas against the stream's last
 * raw row stored whole (core/stream/rawDelta.ts: `\u0001`, the common prefix's and suffix's
 * lengths in code points as five digits each, the middle): a fifth of the bytes per token. The
 * `chunks` view decodes them, so everything reading chunks through SQL (usage, stream
 * facts, recovery, diagnostics, tests) sees each chunk's JSON text as before. The view's
 * INSTEAD OF triggers go with it and come back unchanged (migration 012). A Spool before
 * this version refuses the library (newer schema) rather than misreading a delta.
 */
export const m021RawDeltas: Migration = {
  version: 21,
  name: 'raw events stored as deltas',
  up(db) {
    db.exec(`
      DROP VIEW chunks;
      CREATE VIEW chunks AS
        SELECT s.id AS stream_id, r.seq, r.part, r.t_ms, r.type,
               CASE WHEN r.part = 0 AND substr(r.payload, 1, 1) = '"'
                    THEN '{"type":"' || r.type || '",' || r.payload
                    WHEN r.part = 0 AND r.type = 'raw' AND substr(r.payload, 1, 1) = char(1)
                    THEN (SELECT CASE WHEN substr(d, 1, 1) = '"' THEN '{"type":"raw",' || d ELSE d END
                            FROM (SELECT substr(k.payload, 1, CAST(substr(r.payload, 2, 5) AS INTEGER))
                                         || substr(r.payload, 12)
                                         || substr(k.payload, length(k.payload)
                                                   - CAST(substr(r.payload, 7, 5) AS INTEGER) + 1) AS d
                                    FROM chunk_rows k
                                   WHERE k.key >= s.no * ${SPAN} AND k.key < r.key AND k.type = 'raw'
                                     AND k.part = 0 AND substr(k.payload, 1, 1) <> char(1)
                                   ORDER BY k.key DESC LIMIT 1))
                    ELSE r.payload END AS payload
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
    `);
  },
};

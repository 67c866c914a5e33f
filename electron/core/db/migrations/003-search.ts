import type { Migration } from './Migration';

/**
 * The text a message is found by: its text and reasoning parts, one per line. Guarded
 * by json_valid so a row with unreadable parts is indexed as empty instead of failing
 * the writer's UPDATE (the chunk log, not the index, is what must never be lost).
 */
export const searchableText = (row: string) => `
  (SELECT coalesce(group_concat(json_extract(p.value, '$.text'), char(10)), '')
     FROM json_each(CASE WHEN json_valid(${row}.parts) THEN ${row}.parts ELSE '[]' END) AS p
    WHERE json_extract(p.value, '$.type') IN ('text', 'reasoning'))`;

/** Characters of parts JSON; see the update trigger. */
export const REINDEX_EVERY = 32_768;

/**
 * Full-text search over message text (SQLite FTS5). Word tokens with diacritics
 * removed, so "cafe" finds "café" and "Ångström" is found by "angstrom"; queries are
 * prefix queries (see library/searchQuery.ts). The index row of a message is its
 * rowid; triggers keep it current as the debounced writer persists snapshots.
 */
export const m003Search: Migration = {
  version: 3,
  name: 'message search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE message_search USING fts5(
        body,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER message_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_search (rowid, body) VALUES (new.rowid, ${searchableText('new')});
      END;
      -- Re-indexing costs about 3× the snapshot write itself, so a reply past 32 KB is
      -- re-indexed while it streams only each time it grows past another 32 KB; any
      -- update that is not a streaming one (the final snapshot, an edit) re-indexes it.
      CREATE TRIGGER message_search_update AFTER UPDATE OF parts ON messages
      WHEN new.status != 'streaming' OR length(new.parts) < ${REINDEX_EVERY}
        OR length(new.parts) / ${REINDEX_EVERY} != length(old.parts) / ${REINDEX_EVERY}
      BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
        INSERT INTO message_search (rowid, body) VALUES (new.rowid, ${searchableText('new')});
      END;
      CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
      END;

      INSERT INTO message_search (rowid, body)
        SELECT m.rowid, ${searchableText('m')} FROM messages AS m;
    `);
  },
};

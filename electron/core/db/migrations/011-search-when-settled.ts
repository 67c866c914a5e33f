import type { Migration } from './Migration';
import { searchableText } from './003-search';

/**
 * A message is (re)indexed for search when it settles or is edited, no longer while
 * it streams: every re-index rewrote the message's whole index entry and the FTS
 * structure pages, the largest part of the bytes written per token (issue 15). A
 * streaming reply is found by its text once it ends; Continue keeps the old text
 * indexed until the new stream ends.
 *
 * On a library with small pages (new libraries use 1 KiB) FTS5's index blocks are
 * sized to fit one page each (its default, 1000 bytes, would overflow every block).
 */
export const m011SearchWhenSettled: Migration = {
  version: 11,
  name: 'search index written when a message settles',
  up(db) {
    db.exec(`
      DROP TRIGGER message_search_update;
      CREATE TRIGGER message_search_update AFTER UPDATE OF parts, status ON messages
      WHEN new.status != 'streaming' AND (old.status = 'streaming' OR new.parts IS NOT old.parts)
      BEGIN
        DELETE FROM message_search WHERE rowid = old.rowid;
        INSERT INTO message_search (rowid, body) VALUES (new.rowid, ${searchableText('new')});
      END;
    `);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    if (pageSize < 2048) {
      // A config value must be a literal here (FTS5 refuses a bound one).
      db.exec(`INSERT INTO message_search (message_search, rank) VALUES ('pgsz', ${pageSize - 80})`);
    }
  },
};

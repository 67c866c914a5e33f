import type { Migration } from './Migration';

/**
 * Attachments (core/attachments): each file's bytes once, keyed by their SHA-256, inside
 * the library (so a backup of spool.db carries them and they count in its size), and the
 * ones waiting in a conversation's composer. A sent message refers to its attachments by
 * hash from its `file` parts; the draft's rows go in the same transaction as the send.
 */
export const m019Attachments: Migration = {
  version: 19,
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id          TEXT PRIMARY KEY,              -- sha256 of data, hex
        media_type  TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('image', 'file')),
        size        INTEGER NOT NULL,
        data        BLOB NOT NULL,
        text        TEXT,                          -- files: what is sent (PDF: extracted text)
        created_at  INTEGER NOT NULL
      );
      CREATE TABLE draft_attachments (
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        attachment_id   TEXT NOT NULL REFERENCES attachments(id),
        name            TEXT NOT NULL,
        added_at        INTEGER NOT NULL,
        PRIMARY KEY (conversation_id, attachment_id)
      );
      CREATE INDEX draft_attachments_by_attachment ON draft_attachments(attachment_id);
    `);
  },
};

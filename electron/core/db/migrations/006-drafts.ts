import type { Migration } from './Migration';

/**
 * `drafts`: what the composer held per conversation, so typed text survives a reload
 * or a crash. One row per conversation; an empty draft is no row. Goes with its
 * conversation (purge after delete).
 */
export const m006Drafts: Migration = {
  version: 6,
  name: 'composer drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        conversation_id TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
        text            TEXT NOT NULL,
        updated_at      INTEGER NOT NULL
      );
    `);
  },
};

import type { Migration } from './Migration';

/**
 * Presets (core/presets): a name, a system prompt, a model and reply parameters that a new
 * chat can start from. Applying one copies them onto the conversation, so editing or
 * deleting a preset later never changes a conversation that used it.
 */
export const m018Presets: Migration = {
  version: 18,
  name: 'presets',
  up(db) {
    db.exec(`
      CREATE TABLE presets (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        system_prompt TEXT,                       -- null: the default in Settings
        provider_id   TEXT,                       -- null with model: the usual choice
        model         TEXT,
        params        TEXT NOT NULL DEFAULT '{}',
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      );
    `);
  },
};

import type { Migration } from './Migration';

/**
 * A conversation's reply parameters (temperature, top-p, max output tokens, reasoning
 * effort) as JSON: '{}' = every one the provider's default, as before.
 */
export const m014ReplyParams: Migration = {
  version: 14,
  name: 'reply parameters per conversation',
  up(db) {
    db.exec("ALTER TABLE conversations ADD COLUMN params TEXT NOT NULL DEFAULT '{}'");
  },
};

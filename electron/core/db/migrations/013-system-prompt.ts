import type { Migration } from './Migration';

/**
 * A conversation's own system prompt. NULL means "use the default in Settings", so
 * changing the default reaches every conversation that never set one of its own;
 * an empty string is a deliberate "no system prompt" for this conversation.
 */
export const m013SystemPrompt: Migration = {
  version: 13,
  name: 'system prompt per conversation',
  up(db) {
    db.exec('ALTER TABLE conversations ADD COLUMN system_prompt TEXT');
  },
};

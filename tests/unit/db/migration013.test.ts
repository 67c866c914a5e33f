import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationStore } from '../../../electron/core/store/ConversationStore';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, openLatest } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 013: system prompt per conversation', () => {
  it('gives every existing conversation no prompt of its own, so it follows the default', () => {
    const old = openAt(tmp.dir, 12);
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    old.close();
    const db = openAt(tmp.dir, 13);
    // The store reads later columns too, so this looks at the row as 013 left it.
    expect(db.prepare("SELECT title, system_prompt FROM conversations WHERE id = 'c'").get()).toEqual({
      title: 'Old',
      system_prompt: null,
    });
    db.close();
  });

  it('keeps a conversation’s own prompt, and null means follow the default', () => {
    const db = openLatest(tmp.dir);
    const store = new ConversationStore(db, { now: () => 5 }, () => 'id');
    const created = store.create();
    expect(created.systemPrompt).toBeNull();
    expect(store.setSystemPrompt(created.id, 'Be kind.')).toMatchObject({
      systemPrompt: 'Be kind.',
      updatedAt: 5,
    });
    expect(store.setSystemPrompt(created.id, null).systemPrompt).toBeNull();
    db.close();
  });
});

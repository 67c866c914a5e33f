import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { ConversationStore } from '../../../electron/core/store/ConversationStore';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

describe('migration 013: system prompt per conversation', () => {
  it('gives every existing conversation no prompt of its own, so it follows the default', () => {
    const before = MIGRATIONS.filter((m) => m.version < 13);
    const { db: old } = openDatabase({ file, migrations: before });
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    old.close();
    const { db } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version <= 13) });
    expect(userVersion(db)).toBe(13);
    // The store reads later columns too, so this looks at the row as 013 left it.
    expect(db.prepare("SELECT title, system_prompt FROM conversations WHERE id = 'c'").get()).toEqual({
      title: 'Old',
      system_prompt: null,
    });
    db.close();
  });

  it('keeps a conversation’s own prompt, and null means follow the default', () => {
    const { db } = openDatabase({ file });
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

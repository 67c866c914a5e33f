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
    const store = new ConversationStore(db, { now: () => 5 }, () => 'id');
    expect(store.get('c')).toMatchObject({ title: 'Old', systemPrompt: null });
    expect(store.setSystemPrompt('c', 'Be kind.')).toMatchObject({ systemPrompt: 'Be kind.', updatedAt: 5 });
    db.close();
  });
});

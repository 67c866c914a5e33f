import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, writeConversation } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 006: composer drafts', () => {
  it('keeps one draft per conversation beside the conversations already there', () => {
    const before = openAt(tmp.dir, 5);
    writeConversation(before);
    before.close();
    const db = openAt(tmp.dir, 6);
    db.exec("INSERT INTO drafts (conversation_id, text, updated_at) VALUES ('c', 'half a thought', 3)");
    expect(() =>
      db.exec("INSERT INTO drafts (conversation_id, text, updated_at) VALUES ('c', 'again', 4)"),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare('SELECT title FROM conversations').all()).toEqual([{ title: 'Old' }]);
    db.close();
  });

  it('drops a draft with its conversation', () => {
    const before = openAt(tmp.dir, 5);
    writeConversation(before);
    before.close();
    const db = openAt(tmp.dir, 6);
    db.exec("INSERT INTO drafts (conversation_id, text, updated_at) VALUES ('c', 'x', 3)");
    db.exec("DELETE FROM conversations WHERE id = 'c'");
    expect(db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    db.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 019: attachments', () => {
  it('adds the attachment tables to a library that had conversations, and a draft row goes with its conversation', () => {
    const old = openAt(tmp.dir, 18);
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    old.close();
    const db = openAt(tmp.dir, 19);
    db.prepare(
      `INSERT INTO attachments (id, media_type, kind, size, data, text, created_at) VALUES ('h', 'text/plain', 'file', 2, x'6869', 'hi', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO draft_attachments (conversation_id, attachment_id, name, added_at) VALUES ('c', 'h', 'a.txt', 1)`,
    ).run();
    db.exec(`DELETE FROM conversations WHERE id = 'c'`);
    expect(db.prepare('SELECT COUNT(*) FROM draft_attachments').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM attachments').pluck().get()).toBe(1);
    db.close();
  });
});

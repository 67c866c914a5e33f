import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

describe('migration 019: attachments', () => {
  it('adds the attachment tables to a library that had conversations, and a draft row goes with its conversation', () => {
    const { db: old } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version < 19) });
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    old.close();
    const { db } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version <= 19) });
    expect(userVersion(db)).toBe(19);
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

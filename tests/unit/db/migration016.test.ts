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

const before16 = () => MIGRATIONS.filter((m) => m.version < 16);
const upTo16 = () => MIGRATIONS.filter((m) => m.version <= 16);

describe('migration 016: folders and the paged list order', () => {
  it('keeps every existing conversation, in no folder', () => {
    const { db: old } = openDatabase({ file, migrations: before16() });
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 2)`);
    old.close();
    const { db } = openDatabase({ file, migrations: upTo16() });
    expect(userVersion(db)).toBe(16);
    expect(db.prepare('SELECT id, title, folder_id FROM conversations').all()).toEqual([
      { id: 'c', title: 'Old', folder_id: null },
    ]);
    db.close();
  });

  it('leaves the conversations of a deleted folder in no folder', () => {
    const { db } = openDatabase({ file, migrations: upTo16() });
    db.exec(`INSERT INTO folders (id, name, created_at, updated_at) VALUES ('f', 'Work', 1, 1);
             INSERT INTO conversations (id, title, created_at, updated_at, folder_id) VALUES ('c', 'In it', 1, 1, 'f');
             DELETE FROM folders WHERE id = 'f';`);
    expect(db.prepare("SELECT folder_id FROM conversations WHERE id = 'c'").pluck().get()).toBeNull();
    db.close();
  });

  it('refuses a conversation in a folder that does not exist', () => {
    const { db } = openDatabase({ file, migrations: upTo16() });
    expect(() =>
      db.exec(
        `INSERT INTO conversations (id, title, created_at, updated_at, folder_id) VALUES ('c', 'x', 1, 1, 'nope')`,
      ),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('reads a page of either part of the list from its index, without sorting the library', () => {
    const { db } = openDatabase({ file, migrations: upTo16() });
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    const unpinned = plan(`SELECT * FROM conversations WHERE deleted_at IS NULL AND pinned_at IS NULL
      AND (updated_at, id) < (5, 'x') ORDER BY updated_at DESC, id DESC LIMIT 100`);
    const pinned = plan(`SELECT * FROM conversations WHERE deleted_at IS NULL AND pinned_at IS NOT NULL
      AND (pinned_at, updated_at, id) < (5, 5, 'x') ORDER BY pinned_at DESC, updated_at DESC, id DESC LIMIT 100`);
    expect(unpinned).toContain('conversations_unpinned_order');
    expect(pinned).toContain('conversations_pinned_order');
    expect(`${unpinned} ${pinned}`).not.toContain('TEMP B-TREE');
    db.close();
  });
});

import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { m001Initial } from '../../../electron/core/db/migrations/001-initial';
import { m002Providers } from '../../../electron/core/db/migrations/002-providers';
import { migrate, openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { SqliteProviderStorage } from '../../../electron/core/providers/ProviderStorage';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

describe('migration 002 providers', () => {
  it('upgrades a version 1 library in place, keeping its conversations', () => {
    const v1 = new BetterSqlite3(file);
    migrate(v1, [m001Initial]);
    v1.exec("INSERT INTO conversations VALUES ('c', 'kept', 1, 1, NULL, NULL)");
    v1.close();

    const { db, schemaVersion } = openDatabase({ file, migrations: [m001Initial, m002Providers] });
    expect(schemaVersion).toBe(2);
    expect(userVersion(db)).toBe(2);
    expect(db.prepare("SELECT title FROM conversations WHERE id = 'c'").pluck().get()).toBe('kept');
    const storage = new SqliteProviderStorage(db, { now: () => 5 });
    storage.put({ id: 'p', kind: 'ollama', name: 'Local', baseUrl: 'http://127.0.0.1:11434', models: ['m'] });
    expect(storage.list()).toEqual([
      { id: 'p', kind: 'ollama', name: 'Local', baseUrl: 'http://127.0.0.1:11434', models: ['m'] },
    ]);
    db.close();
  });

  it('has no column for a key: keys live in the secret store', () => {
    const db = new BetterSqlite3(file);
    migrate(db, [m001Initial, m002Providers]);
    const columns = db.prepare("SELECT name FROM pragma_table_info('providers')").pluck().all() as string[];
    expect(columns.filter((c) => /key|secret|token/i.test(c))).toEqual([]);
    db.close();
  });

  it('rejects a provider kind it does not know', () => {
    const db = new BetterSqlite3(file);
    migrate(db, [m001Initial, m002Providers]);
    expect(() =>
      db.exec("INSERT INTO providers VALUES ('p', 'gopher', 'n', 'http://x', NULL, NULL, NULL, 1, 1)"),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});

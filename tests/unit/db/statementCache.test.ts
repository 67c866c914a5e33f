import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { plucked, prepared } from '../../../electron/core/db/statementCache';
import { makeTempDir } from '../../helpers/tempDir';

const open: { close(): void }[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function database(): Database.Database {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  const db = new Database(path.join(dir, 'cache.db'));
  open.push(db);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b')");
  return db;
}

describe('the statement cache', () => {
  it('prepares a statement once per database and hands back the same one after', () => {
    const db = database();
    const first = prepared(db, 'SELECT name FROM t ORDER BY id');
    expect(prepared(db, 'SELECT name FROM t ORDER BY id')).toBe(first);
    expect(first.all()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it("keeps one database's statements apart from another's", () => {
    const one = database();
    const two = database();
    two.exec("INSERT INTO t (name) VALUES ('c')");
    const sql = 'SELECT COUNT(*) AS n FROM t';
    expect(prepared(one, sql)).not.toBe(prepared(two, sql));
    expect(prepared(one, sql).get()).toEqual({ n: 2 });
    expect(prepared(two, sql).get()).toEqual({ n: 3 });
  });

  it('keeps a plucking statement apart from the plain one of the same SQL', () => {
    const db = database();
    const sql = 'SELECT name FROM t ORDER BY id';
    expect(plucked(db, sql).all()).toEqual(['a', 'b']);
    expect(prepared(db, sql).all()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('prepares nothing before first use, so a missing table fails only the call that needs it', () => {
    const db = database();
    expect(() => prepared(db, 'SELECT * FROM missing')).toThrow(/no such table/);
    expect(prepared(db, 'SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2 });
  });
});

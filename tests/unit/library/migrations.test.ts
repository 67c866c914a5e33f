import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { m001Initial } from '../../../electron/core/db/migrations/001-initial';
import { m002Providers } from '../../../electron/core/db/migrations/002-providers';
import { m003Search, REINDEX_EVERY } from '../../../electron/core/db/migrations/003-search';
import { m004Library } from '../../../electron/core/db/migrations/004-library';
import { migrate, userVersion } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let db: BetterSqlite3.Database;
beforeEach(() => {
  tmp = makeTempDir();
  db = new BetterSqlite3(path.join(tmp.dir, 'spool.db'));
  migrate(db, [m001Initial, m002Providers]);
  db.exec(`
    INSERT INTO conversations VALUES ('c1', 'New chat', 1, 1, NULL, NULL);
    INSERT INTO conversations VALUES ('c2', 'Named by hand', 1, 1, NULL, NULL);
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at)
      VALUES ('m1', 'c1', 'assistant', '[{"type":"reasoning","text":"pondering"},{"type":"text","text":"crème brûlée"}]', 'complete', 1, 1),
             ('m2', 'c2', 'user', 'not json at all', 'complete', 1, 1);
  `);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const found = (query: string) =>
  db.prepare('SELECT rowid FROM message_search WHERE message_search MATCH ?').pluck().all(query);
const rowidOf = (id: string) => db.prepare('SELECT rowid FROM messages WHERE id = ?').pluck().get(id);

describe('migration 003 message search', () => {
  it('indexes the text and reasoning of the messages already there, accents folded', () => {
    migrate(db, [m001Initial, m002Providers, m003Search]);
    expect(userVersion(db)).toBe(3);
    expect(found('creme')).toEqual([rowidOf('m1')]);
    expect(found('pondering')).toEqual([rowidOf('m1')]);
  });

  it('keeps the index current on insert, update of parts and delete', () => {
    migrate(db, [m001Initial, m002Providers, m003Search]);
    db.exec(`INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at)
             VALUES ('m3', 'c1', 'user', '[{"type":"text","text":"first draft"}]', 'complete', 2, 2)`);
    expect(found('draft')).toEqual([rowidOf('m3')]);
    db.exec(`UPDATE messages SET parts = '[{"type":"text","text":"second version"}]' WHERE id = 'm3'`);
    expect(found('draft')).toEqual([]);
    expect(found('version')).toEqual([rowidOf('m3')]);
    db.exec(`DELETE FROM messages WHERE id = 'm3'`);
    expect(found('version')).toEqual([]);
  });

  it('re-indexes a streaming reply past 32 KB only every 32 KB, and in full when it ends', () => {
    migrate(db, [m001Initial, m002Providers, m003Search]);
    const parts = (text: string) => JSON.stringify([{ type: 'text', text }]);
    const long = 'filler '.repeat(REINDEX_EVERY / 7 + 10);
    const update = db.prepare('UPDATE messages SET parts = ?, status = ? WHERE id = ?');
    update.run(parts(long), 'streaming', 'm1');
    update.run(parts(`${long} tail`), 'streaming', 'm1');
    expect(found('tail')).toEqual([]);
    expect(found('filler')).toEqual([rowidOf('m1')]);
    update.run(parts(`${long} tail`), 'complete', 'm1');
    expect(found('tail')).toEqual([rowidOf('m1')]);
  });

  it('indexes unreadable parts as empty rather than failing the write', () => {
    migrate(db, [m001Initial, m002Providers, m003Search]);
    expect(() => db.exec(`UPDATE messages SET parts = '{broken' WHERE id = 'm1'`)).not.toThrow();
    expect(found('creme')).toEqual([]);
  });
});

describe('migration 004 pin, soft delete, title source', () => {
  it('adds pinned_at and deleted_at, empty, to existing conversations', () => {
    migrate(db, [m001Initial, m002Providers, m003Search, m004Library]);
    expect(userVersion(db)).toBe(4);
    expect(db.prepare('SELECT id, pinned_at, deleted_at FROM conversations ORDER BY id').all()).toEqual([
      { id: 'c1', pinned_at: null, deleted_at: null },
      { id: 'c2', pinned_at: null, deleted_at: null },
    ]);
  });

  it('marks a "New chat" title as default, so only it may be replaced by a generated one', () => {
    migrate(db, [m001Initial, m002Providers, m003Search, m004Library]);
    expect(db.prepare('SELECT id, title_source FROM conversations ORDER BY id').all()).toEqual([
      { id: 'c1', title_source: 'default' },
      { id: 'c2', title_source: 'user' },
    ]);
  });

  it('rejects a title source it does not know', () => {
    migrate(db, [m001Initial, m002Providers, m003Search, m004Library]);
    expect(() => db.exec("UPDATE conversations SET title_source = 'robot' WHERE id = 'c1'")).toThrow(
      /CHECK constraint/,
    );
  });
});

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

/** A library as the schema before 010 wrote it: one conversation with a message. */
function writeLibraryBefore010(): void {
  const { db } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version < 10) });
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Kept', 1, 1);
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at)
      VALUES ('m', 'c', 'user', '[]', 'complete', 1, 1);
  `);
  db.close();
}

describe('migration 010: import records', () => {
  it('adds the import tables and keeps the library as it was', () => {
    writeLibraryBefore010();
    const { db } = openDatabase({ file });
    expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT title FROM conversations').pluck().all()).toEqual(['Kept']);
    expect(db.prepare('SELECT COUNT(*) FROM imported_conversations').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM imported_messages').pluck().get()).toBe(0);
    db.close();
  });

  it('records a source id once per source, and drops the records with their rows', () => {
    writeLibraryBefore010();
    const { db } = openDatabase({ file });
    db.exec(`
      INSERT INTO imported_conversations VALUES ('c', 'chatgpt', 'conv-1', 5);
      INSERT INTO imported_messages VALUES ('m', 'chatgpt', 'conv-1', 'node-1', 5);
    `);
    expect(() => db.exec("INSERT INTO imported_conversations VALUES ('c', 'claude', 'conv-1', 5)")).toThrow(
      /UNIQUE|PRIMARY KEY/,
    );
    expect(() =>
      db.exec(`
        INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c2', 'Other', 1, 1);
        INSERT INTO imported_conversations VALUES ('c2', 'chatgpt', 'conv-1', 5);
      `),
    ).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO imported_conversations VALUES ('c2', 'gemini', 'x', 5)")).toThrow(
      /CHECK/,
    );
    db.exec("DELETE FROM conversations WHERE id = 'c'");
    expect(db.prepare('SELECT COUNT(*) FROM imported_conversations').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM imported_messages').pluck().get()).toBe(0);
    db.close();
  });
});

import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../../electron/core/db/migrations/index';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { m001Initial } from '../../../electron/core/db/migrations/001-initial';
import { migrate, openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

const tables = (db: BetterSqlite3.Database) =>
  db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migrations', () => {
  it('are numbered strictly increasing from 1', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('refuse a list whose versions do not increase', () => {
    const db = new BetterSqlite3(file);
    const bad: Migration[] = [
      { version: 2, name: 'b', up: () => {} },
      { version: 1, name: 'a', up: () => {} },
    ];
    expect(() => migrate(db, bad)).toThrow(/increase strictly/);
    expect(userVersion(db)).toBe(0);
    db.close();
  });

  it('roll a failing migration back whole and leave user_version where it was', () => {
    const db = new BetterSqlite3(file);
    const failing: Migration = {
      version: 2,
      name: 'half done',
      up(d) {
        d.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [m001Initial, failing])).toThrow(/migration 2 \(half done\) failed.*boom/);
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('skip a migration another process already applied', () => {
    const db = new BetterSqlite3(file);
    migrate(db, [m001Initial]);
    let ran = 0;
    migrate(db, [{ ...m001Initial, up: () => void ran++ }]);
    expect(ran).toBe(0);
    db.close();
  });

  describe('001 initial schema', () => {
    it('creates the tables of DESIGN §2 and sets user_version 1', () => {
      const db = new BetterSqlite3(file);
      migrate(db, [m001Initial]);
      expect(userVersion(db)).toBe(1);
      expect(tables(db)).toEqual(
        expect.arrayContaining(['chunks', 'conversations', 'instances', 'messages', 'settings', 'streams']),
      );
      db.close();
    });

    it('cascades a conversation delete to its messages, streams and chunks', () => {
      const { db } = openDatabase({ file, migrations: [m001Initial] });
      db.exec(`
        INSERT INTO conversations VALUES ('c', 't', 1, 1, NULL, NULL);
        INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at) VALUES ('m', 'c', 'assistant', 'complete', 1, 1);
        INSERT INTO streams (id, message_id, status, started_at) VALUES ('s', 'm', 'complete', 1);
        INSERT INTO chunks (stream_id, seq, t_ms, type, payload) VALUES ('s', 0, 0, 'finish', '{}');
      `);
      db.prepare("DELETE FROM conversations WHERE id = 'c'").run();
      for (const t of ['messages', 'streams', 'chunks']) {
        expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
      }
      db.close();
    });

    it('rejects a message status outside the five of DESIGN §2', () => {
      const { db } = openDatabase({ file, migrations: [m001Initial] });
      db.exec("INSERT INTO conversations VALUES ('c', 't', 1, 1, NULL, NULL)");
      expect(() =>
        db.exec(
          "INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at) VALUES ('m', 'c', 'user', 'done', 1, 1)",
        ),
      ).toThrow(/CHECK constraint/);
      db.close();
    });
  });
});

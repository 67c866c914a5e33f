import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError, DatabaseTooNewError } from '../../../electron/core/db/errors';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates a new database at the latest schema with the pragmas of DESIGN §2', () => {
    const { db, schemaVersion, notices } = openDatabase({ file });
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(notices).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('uses synchronous=FULL when durability is strict', () => {
    const { db } = openDatabase({ file, durability: 'strict' });
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('reopens an existing database without re-running migrations', () => {
    const first = openDatabase({ file });
    first.db
      .prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'kept', 1, 1)")
      .run();
    first.db.close();
    const second = openDatabase({ file });
    expect(second.db.prepare('SELECT title FROM conversations').pluck().all()).toEqual(['kept']);
    second.db.close();
  });

  it('refuses a database from a newer version and leaves the file byte-for-byte untouched', () => {
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);

    expect(() => openDatabase({ file })).toThrow(DatabaseTooNewError);
    expect(() => openDatabase({ file })).toThrow(/newer version of Spool/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('moves a file that is not SQLite aside, tells the user, and starts an empty library', () => {
    fs.writeFileSync(file, 'this is not a database, it is a shopping list\n'.repeat(100));
    const { db, notices } = openDatabase({ file, now: () => Date.UTC(2026, 10, 22, 12, 0, 0) });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'error', code: 'DB_CORRUPT_MOVED' });
    const moved = path.join(tmp.dir, 'spool.db.corrupt-2026-11-22T12-00-00-000Z');
    expect(notices[0]!.message).toContain(moved);
    expect(fs.readFileSync(moved, 'utf8')).toContain('shopping list');
    expect(db.prepare('SELECT count(*) FROM conversations').pluck().get()).toBe(0);
    db.close();
  });

  it('moves a database that fails quick_check aside instead of deleting it', () => {
    const { db } = openDatabase({ file });
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'v'.repeat(200));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over the middle of the file: b-tree pages, not the header.
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    for (let i = pageSize * 3; i < bytes.length - pageSize; i += 7) bytes[i] = 0xa5;
    fs.writeFileSync(file, bytes);
    const size = bytes.length;

    const reopened = openDatabase({ file });
    expect(reopened.notices.map((n) => n.code)).toEqual(['DB_CORRUPT_MOVED']);
    const aside = fs
      .readdirSync(tmp.dir)
      .filter((f) => /^spool\.db\.corrupt-[^-]/.test(f) && !/-(wal|shm)$/.test(f));
    expect(aside).toHaveLength(1);
    expect(fs.statSync(path.join(tmp.dir, aside[0]!)).size).toBe(size);
    reopened.db.close();
  });

  it('reports a database locked by another process as DatabaseLockedError, not corruption', () => {
    openDatabase({ file }).db.close();
    const holder = new BetterSqlite3(file);
    holder.pragma('user_version = 0'); // pretend migrations are pending so open must write
    holder.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => openDatabase({ file, busyTimeoutMs: 50 })).toThrow(DatabaseLockedError);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(fs.readdirSync(tmp.dir).some((f) => f.includes('corrupt'))).toBe(false);
  });
});

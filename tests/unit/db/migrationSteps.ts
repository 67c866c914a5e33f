/** Opens a library at one schema version, then takes it one migration further. */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';

export function openAt(dir: string, version: number): Database {
  const { db } = openDatabase({
    file: path.join(dir, 'spool.db'),
    migrations: MIGRATIONS.filter((m) => m.version <= version),
  });
  expect(userVersion(db)).toBe(version);
  return db;
}

/** Opens the library at the latest schema, through every migration it has not had yet. */
export function openLatest(dir: string): Database {
  return openDatabase({ file: path.join(dir, 'spool.db') }).db;
}

/** A conversation 'c' with a user message 'u' and a complete reply 'a' (schema 1 onwards). */
export function writeConversation(db: Database): void {
  db.exec(`
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1);
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at) VALUES
      ('u', 'c', 'user', '[]', 'complete', 1, 1),
      ('a', 'c', 'assistant', '[]', 'complete', 2, 2);
  `);
}

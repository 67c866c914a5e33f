import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Notice } from '../../../shared/api/schemas/app';
import { DatabaseLockedError, DatabaseTooNewError, isCorruptionError, sqliteCode } from './errors';
import { MIGRATIONS, type Migration } from './migrations/index';
import { assertNativeBindingExists, currentSqliteNativeBinding } from './nativeBinding';
import { preparePrivateDatabase } from './privateFiles';

export type Durability = 'normal' | 'strict';

export interface OpenDatabaseOptions {
  file: string;
  /** 'strict' = synchronous=FULL (survives power loss); default 'normal'. */
  durability?: Durability;
  busyTimeoutMs?: number;
  /** Page size of a NEW library file (an existing one keeps its own). Default 1024. */
  pageSize?: number;
  migrations?: readonly Migration[];
  now?: () => number;
}

export interface OpenedDatabase {
  db: Database;
  schemaVersion: number;
  /** What the user must be told, e.g. that a corrupt file was moved aside. */
  notices: Notice[];
  /** Library files that were readable by others and were made private (privateFiles.ts). */
  tightened: string[];
}

/** Bytes a WAL file is truncated to when it starts over (see WalCheckpointer). */
export const WAL_SIZE_LIMIT = 4 * 1024 * 1024;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens (creating if needed) the Spool database: refuses a newer schema without
 * touching the file, moves a corrupt one aside (never deletes it), applies the
 * pragmas of DESIGN.md §2 and the pending migrations.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { file } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  const notices: Notice[] = [];
  const tightened = preparePrivateDatabase(path.dirname(file), file);

  let db: Database;
  try {
    db = openAndCheck(file, options.busyTimeoutMs ?? 5000);
  } catch (err) {
    if (!(err instanceof NotSqliteError) && !isCorruptionError(err)) throw err;
    const movedTo = moveAside(file, now());
    notices.push({
      level: 'error',
      code: 'DB_CORRUPT_MOVED',
      message:
        `The database could not be read (${describe(err)}). It was moved aside to ${movedTo} ` +
        `and a new, empty library was started. Nothing was deleted.`,
    });
    preparePrivateDatabase(path.dirname(file), file);
    db = openAndCheck(file, options.busyTimeoutMs ?? 5000);
  }

  try {
    const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
    const current = userVersion(db);
    if (current > latest) throw new DatabaseTooNewError(file, current, latest);

    // Before WAL (which fixes it): each commit appends whole pages to the WAL, so at
    // chat rates (a few hundred bytes per commit) small pages are what keeps the bytes
    // written per token low (docs/DESIGN.md §2).
    if (current === 0 && (db.pragma('page_count', { simple: true }) as number) === 0) {
      db.pragma(`page_size = ${options.pageSize ?? 1024}`);
    }
    db.pragma('journal_mode = WAL');
    // A WAL that grew during a burst is cut back to this size each time it starts over.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    db.pragma(`synchronous = ${options.durability === 'strict' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, file);
    return { db, schemaVersion: userVersion(db), notices, tightened };
  } catch (err) {
    db.close();
    if (sqliteCode(err) === 'SQLITE_BUSY') throw new DatabaseLockedError(file, err);
    throw err;
  }
}

export function setDurability(db: Database, durability: Durability): void {
  db.pragma(`synchronous = ${durability === 'strict' ? 'FULL' : 'NORMAL'}`);
}

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Each migration in its own IMMEDIATE transaction, so two processes never both apply one. */
export function migrate(db: Database, migrations: readonly Migration[], file = db.name): void {
  let previous = 0;
  for (const m of migrations) {
    if (m.version <= previous) throw new Error(`migration versions must increase strictly: ${m.version}`);
    previous = m.version;
  }
  for (const m of migrations) {
    const apply = db.transaction(() => {
      const current = userVersion(db);
      if (current >= m.version) return; // another process got there first
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply.immediate();
    } catch (err) {
      if (sqliteCode(err) === 'SQLITE_BUSY') throw err; // locked, not broken: the caller reports it
      throw new Error(`migration ${m.version} (${m.name}) failed on ${file}: ${describe(err)}`, {
        cause: err,
      });
    }
  }
}

class NotSqliteError extends Error {}

function openAndCheck(file: string, busyTimeoutMs: number): Database {
  if (fs.existsSync(file)) {
    const size = fs.statSync(file).size;
    if (size > 0) {
      const header = Buffer.alloc(SQLITE_HEADER.length);
      const fd = fs.openSync(file, 'r');
      try {
        fs.readSync(fd, header, 0, header.length, 0);
      } finally {
        fs.closeSync(fd);
      }
      if (!header.equals(SQLITE_HEADER)) throw new NotSqliteError('not an SQLite file');
    }
  }
  const nativeBinding = currentSqliteNativeBinding();
  assertNativeBindingExists(nativeBinding, fs.existsSync);
  const db = new BetterSqlite3(file, { timeout: busyTimeoutMs, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') {
      const err = new Error(`quick_check: ${String(result)}`) as Error & { code: string };
      err.code = 'SQLITE_CORRUPT';
      throw err;
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function moveAside(file: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let i = 1; fs.existsSync(target); i++) target = `${file}.corrupt-${stamp}-${i}`;
  fs.renameSync(file, target);
  // The WAL and shared-memory files belong to the moved file; keep them beside it.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

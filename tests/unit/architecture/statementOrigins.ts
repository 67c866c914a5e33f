/**
 * Which code ran each statement on a connection. better-sqlite3 calls its `verbose`
 * callback synchronously as a statement runs, so a stack taken there holds the caller:
 * the first frame inside electron/core is the module whose code ran it, whatever names
 * its SQL was built from (a table name in a variable included).
 */
import { fileURLToPath } from 'node:url';
import BetterSqlite3, { type Database } from 'better-sqlite3';

export interface RanStatement {
  /** As SQLite expanded it, bound values included. */
  sql: string;
  /** The running module relative to electron/core (`sync/LocalSync.ts`), or null from outside it. */
  from: string | null;
}

const coreRoot = fileURLToPath(new URL('../../../electron/core/', import.meta.url));

/** A connection of its own on the library file that appends every statement it runs to `ran`. */
export function recordingConnection(file: string, ran: RanStatement[]): Database {
  const db = new BetterSqlite3(file, {
    timeout: 5000,
    verbose: (sql) => ran.push({ sql: String(sql), from: coreCaller() }),
  });
  db.pragma('foreign_keys = ON'); // as openDatabase sets it: a pulled orphan must fail its key
  return db;
}

function coreCaller(): string | null {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100; // the caller sits below better-sqlite3's and the transaction's frames
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n')) {
    const at = line.indexOf(coreRoot);
    if (at >= 0) return line.slice(at + coreRoot.length).replace(/:\d+:\d+\)?$/, '');
  }
  return null;
}

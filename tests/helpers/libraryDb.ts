import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterAll, afterEach } from 'vitest';

/**
 * Tests read and seed the library through a connection of their own on its file — a
 * second better-sqlite3 connection, as another process would have (WAL lets it read
 * beside the core; the busy timeout waits out the core's commits). SpoolCore does not
 * expose its connection: what a test sees here is what was committed.
 */
const open = new Map<string, Database>();

export function libraryDb(core: { info: { dbPath: string } }): Database {
  let db = open.get(core.info.dbPath);
  if (!db || !db.open) {
    db = new BetterSqlite3(core.info.dbPath);
    db.pragma('busy_timeout = 5000');
    open.set(core.info.dbPath, db);
  }
  return db;
}

/** Closes every connection `libraryDb` opened (after each test, and after the file's last). */
export function closeLibraryDbs(): void {
  for (const db of open.values()) if (db.open) db.close();
  open.clear();
}
afterEach(closeLibraryDbs);
afterAll(closeLibraryDbs);

const coreConnections = new Map<string, Database>();

/**
 * Spread into SpoolCore.open's options as `testHooks` where a test needs the core's OWN
 * connection (`coreConnection`): for the faults only that connection can show — a full
 * disk through its max_page_count, a TEMP trigger or SQL function watching a write inside
 * the core's transaction, a process vanishing without closing.
 */
export const captureCoreConnection = {
  database: (db: Database): void => void coreConnections.set(db.name, db),
};

export function coreConnection(core: { info: { dbPath: string } }): Database {
  const db = coreConnections.get(core.info.dbPath);
  if (!db) throw new Error('open the core with testHooks: captureCoreConnection to reach its connection');
  return db;
}

import type { Database } from 'better-sqlite3';
import { sqliteCode } from '../db/errors';
import { BusyTimeout } from '../stream/storageErrors';

const ATTEMPTS = 8;
const SHORT_BUSY_MS = 100;

/**
 * Runs `fn` in an IMMEDIATE transaction: the write lock is taken at BEGIN, where
 * SQLite's busy handler waits for it. A DEFERRED transaction that reads first and
 * then writes gets SQLITE_BUSY at once, with no wait, whenever another connection
 * holds the write lock at that moment (SQLite never waits to upgrade a read to a
 * write), such as the checkpoint worker's brief TRUNCATE: that is how a send failed
 * during back-to-back replies (issue 15). A lock held for longer (another process)
 * is waited for in short steps with the event loop free between them, then the
 * typed BUSY error goes to the caller.
 */
export async function writeTransaction<T>(db: Database, fn: () => T): Promise<T> {
  const tx = db.transaction(fn);
  const busy = new BusyTimeout(db, SHORT_BUSY_MS);
  for (let attempt = 1; ; attempt++) {
    try {
      return busy.run(() => tx.immediate());
    } catch (err) {
      if (sqliteCode(err) !== 'SQLITE_BUSY' || attempt >= ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

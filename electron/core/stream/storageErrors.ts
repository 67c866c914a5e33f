import type { Database } from 'better-sqlite3';
import { sqliteCode } from '../db/errors';

/**
 * Errors that mean "storage refuses right now" (§3.10): retried with backoff while
 * the reply keeps streaming from memory. Anything else is a bug and is reported too.
 */
export function isStorageFailure(err: unknown): boolean {
  const code = sqliteCode(err);
  if (!code) return false;
  return (
    code === 'SQLITE_FULL' ||
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_BUSY_') ||
    code === 'SQLITE_LOCKED' ||
    code.startsWith('SQLITE_LOCKED_') ||
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR_') ||
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY_') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'SQLITE_NOMEM' ||
    code === 'SQLITE_PROTOCOL'
  );
}

export function describeError(err: unknown): { code: string; message: string } {
  return {
    code: sqliteCode(err) ?? (err instanceof Error ? err.name : 'ERROR'),
    message: err instanceof Error ? err.message : String(err),
  };
}

/**
 * Runs `fn` with a short busy timeout: a write lock held elsewhere (the CLI, another
 * window's process) must not freeze this process's event loop for the connection's
 * full timeout; the caller falls back to its retry path instead.
 */
export class BusyTimeout {
  private readonly shortMs: number;
  private readonly normalMs: number;

  constructor(
    private readonly db: Database,
    shortMs: number,
  ) {
    this.normalMs = db.pragma('busy_timeout', { simple: true }) as number;
    this.shortMs = Math.max(0, Math.floor(shortMs));
  }

  run<T>(fn: () => T): T {
    // Not a prepared statement: SQLite applies this pragma when it is compiled.
    this.db.pragma(`busy_timeout = ${this.shortMs}`);
    try {
      return fn();
    } finally {
      this.db.pragma(`busy_timeout = ${this.normalMs}`);
    }
  }
}

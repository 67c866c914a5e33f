/** The database was written by a newer Spool; opening it could destroy data. */
export class DatabaseTooNewError extends Error {
  readonly code = 'DB_TOO_NEW';
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `The database ${file} was created by a newer version of Spool (schema ${fileVersion}; ` +
        `this version understands up to ${supportedVersion}). It was left untouched: ` +
        `update Spool to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Another process holds the write lock longer than busy_timeout allows. */
export class DatabaseLockedError extends Error {
  readonly code = 'DB_LOCKED';
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`The database ${file} is locked by another process.`, { cause });
    this.name = 'DatabaseLockedError';
  }
}

/** SQLite error codes as better-sqlite3 reports them (`err.code`). */
export function sqliteCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  }
  return undefined;
}

export function isCorruptionError(err: unknown): boolean {
  const code = sqliteCode(err);
  return (
    code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code?.startsWith('SQLITE_CORRUPT_') === true
  );
}

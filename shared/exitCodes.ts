/**
 * Exit codes of every Spool process that a script may run — `spool` (the CLI, also as
 * `<app> --cli`), `npm run web` and the desktop app when it cannot open its library —
 * one table, so a code means the same thing whichever one exited. Documented in
 * electron/cli/README.md; tests/unit/cli and tests/unit/web check them.
 */
export const EXIT = {
  ok: 0,
  /** The provider failed the reply (or it ended without finishing). CLI only. */
  providerError: 1,
  /** Bad flags or usage. */
  usage: 2,
  /** The database was written by a newer Spool; left untouched. */
  dbTooNew: 3,
  /** Another process holds the database's write lock. */
  dbLocked: 4,
  /** No message or conversation has this id. CLI only. */
  unknownId: 5,
  /** No library in the data dir (read commands never create one). CLI only. */
  noDatabase: 6,
  /** Anything else: the output could not be written, storage refused, a bug. */
  failed: 7,
  /**
   * The message cannot be asked again as it is (regenerate, continue): a user message
   * where a reply is needed, a reply still being written, a complete reply to continue.
   */
  conflict: 8,
  /** `spool import`: the file is missing or not an export (truncated, unknown, a zip bomb). */
  badImport: 9,
  /** `npm run web --port N`: the port is taken. */
  portTaken: 10,
  /** `spool sync`: the passphrase does not unlock the server's library, or its schema is newer; nothing changed. */
  syncRefused: 11,
  /** `spool sync --once` (or its start): the server cannot be reached or stopped answering. */
  syncOffline: 12,
  /** Ctrl-C (SIGINT); SIGTERM gives 143. */
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

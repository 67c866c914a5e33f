/**
 * Exit codes of `spool`, one per way a run can fail, so scripts can tell them
 * apart (documented in README.md; tests/unit/cli checks each one).
 */
export const EXIT = {
  ok: 0,
  /** The provider failed the reply (or it ended without finishing). */
  providerError: 1,
  /** Bad flags or usage. */
  usage: 2,
  /** The database was written by a newer Spool; left untouched. */
  dbTooNew: 3,
  /** Another process holds the database's write lock. */
  dbLocked: 4,
  /** No message or conversation has this id. */
  unknownId: 5,
  /** No library in the data dir (read commands never create one). */
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
  /** `spool sync`: the passphrase does not unlock the server's library, or its schema is newer; nothing changed. */
  syncRefused: 10,
  /** `spool sync --once` (or its start): the server cannot be reached or stopped answering. */
  syncOffline: 11,
  /** Ctrl-C (SIGINT); SIGTERM gives 143. */
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports in one clear line and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

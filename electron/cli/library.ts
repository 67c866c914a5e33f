import fs from 'node:fs';
import { SpoolCore } from '../core/SpoolCore';
import { DatabaseLockedError, DatabaseTooNewError } from '../core/db/errors';
import { databasePath } from '../core/paths';
import { CliError, EXIT } from './exit';
import { warn, type CliIo } from './io';

/** When a `spool` run still going starts checkpointing on a worker thread (chat, import). */
const CHECKPOINT_WORKER_AFTER_MS = 1000;

export interface OpenOptions {
  /** Read commands refuse to create an empty library just to look into it. */
  mustExist: boolean;
  /** `spool recover` prints the report itself; other commands show the summary only when recovery did something. */
  quietRecovery?: boolean;
}

/**
 * Opens the library like the app does (launch recovery included: a stream whose
 * process is gone is finalised as interrupted), as a `cli` instance. Operational
 * lines go to stderr, never stdout.
 */
export async function openLibrary(io: CliIo, dataDir: string, options: OpenOptions): Promise<SpoolCore> {
  const file = databasePath(dataDir);
  if (options.mustExist && !fs.existsSync(file)) {
    throw new CliError(
      `no Spool library in ${dataDir} (${file} does not exist). Pass --data-dir DIR, or start Spool once.`,
      EXIT.noDatabase,
    );
  }
  const logged: string[] = [];
  let core: SpoolCore;
  try {
    core = SpoolCore.open({
      dataDir,
      mode: 'cli',
      // Most runs (list, export…) end within a second: their close checkpoints the WAL anyway.
      walCheckpointer: { deferWorkerMs: CHECKPOINT_WORKER_AFTER_MS },
      log: (line) => {
        logged.push(line);
        if (io.verbose) io.stderr.write(`spool: ${line}\n`);
      },
      onInternalError: (err, where) => warn(io, `internal error in ${where}: ${describe(err)}`),
    });
  } catch (err) {
    if (err instanceof DatabaseTooNewError) throw new CliError(err.message, EXIT.dbTooNew);
    if (err instanceof DatabaseLockedError) {
      throw new CliError(`${err.message} Close the other Spool (or wait) and try again.`, EXIT.dbLocked);
    }
    throw err;
  }
  for (const notice of core.info.notices) warn(io, `${notice.level}: ${notice.message}`);
  if (!options.quietRecovery) {
    const client = core.connect(() => {});
    const report = await client.call('recovery.report', {});
    client.dispose();
    const did = report.ok && report.data;
    if (!io.verbose && did && (did.messagesRebuilt > 0 || did.streamsInterrupted > 0)) {
      for (const line of logged) io.stderr.write(line + '\n');
    }
  }
  return core;
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

import { randomUUID } from 'node:crypto';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit';
import { warn, type CliIo } from '../io';
import { openLibrary } from '../library';

/**
 * `spool sync --database-url URL [--once]`: this library's changes to the PostgreSQL
 * server and everyone else's back, end-to-end encrypted with a passphrase read from
 * SPOOL_SYNC_PASSPHRASE or asked for on the terminal. Without --once it keeps syncing
 * (as other devices push, as this library changes) until interrupted; the status
 * goes to stderr, one line per change of state.
 */
export const syncCommand: Command = {
  name: 'sync',
  usage:
    'spool sync --database-url URL [--once] [--data-dir DIR]   (passphrase: SPOOL_SYNC_PASSPHRASE or a prompt)',
  summary: 'sync this library with other devices through PostgreSQL, end-to-end encrypted',
  options: { 'database-url': { type: 'string' }, once: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ io, dataDir, values }) {
    const url = (values['database-url'] as string | undefined) ?? io.env.SPOOL_SYNC_DATABASE_URL;
    if (!url) throw new CliError('--database-url is required (or SPOOL_SYNC_DATABASE_URL)', EXIT.usage);
    const passphrase = io.env.SPOOL_SYNC_PASSPHRASE ?? (await askPassphrase(io));
    // Loaded here so every other command starts without the PostgreSQL client.
    const { SyncWrongPassphraseError } = await import('../../core/sync/SyncEngine');
    const { SyncSchemaTooNewError } = await import('../../core/sync/serverSchema');
    const { openSyncOnOwnConnection } = await import('../../core/sync/syncOnOwnConnection');
    const core = await openLibrary(io, dataDir, { mustExist: false, quietRecovery: true });
    try {
      let opened;
      try {
        opened = await openSyncOnOwnConnection({
          dbFile: core.info.dbPath,
          url,
          passphrase,
          newDeviceId: randomUUID,
        });
      } catch (err) {
        if (err instanceof SyncWrongPassphraseError || err instanceof SyncSchemaTooNewError) {
          throw new CliError(err.message, EXIT.syncRefused);
        }
        throw new CliError(`cannot reach the sync server: ${(err as Error).message}`, EXIT.syncOffline);
      }
      try {
        if (values.once) {
          const c = await opened.syncOnce().catch((err: Error) => {
            throw new CliError(`sync stopped: ${err.message}`, EXIT.syncOffline);
          });
          warn(
            io,
            `synced: pushed ${c.pushedRecords} record(s) and ${c.pushedChunks} chunk(s), pulled ${c.pulledRecords} record(s) and ${c.pulledChunks} chunk(s)`,
          );
          return EXIT.ok;
        }
        warn(io, 'syncing until interrupted (Ctrl-C to stop)');
        await opened.runLoop({
          signal: io.signal,
          onStatus: (s) => {
            if (
              s.state === 'synced' &&
              s.counts.pulledRecords +
                s.counts.pushedRecords +
                s.counts.pulledChunks +
                s.counts.pushedChunks >
                0
            ) {
              warn(
                io,
                `synced at ${new Date(s.at).toLocaleTimeString()}: pushed ${s.counts.pushedRecords}+${s.counts.pushedChunks}, pulled ${s.counts.pulledRecords}+${s.counts.pulledChunks} (records+chunks)`,
              );
            } else if (s.state === 'offline') {
              warn(
                io,
                `offline since ${new Date(s.since).toLocaleTimeString()} (${s.error}); working locally, retrying`,
              );
            }
          },
        });
        return EXIT.ok;
      } finally {
        await opened.close();
      }
    } finally {
      await core.close();
    }
  },
};

/** Reads a line from the terminal without echoing it. */
async function askPassphrase(io: CliIo): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY) {
    throw new CliError('set SPOOL_SYNC_PASSPHRASE (no terminal to ask for the passphrase on)', EXIT.usage);
  }
  io.stderr.write('Sync passphrase: ');
  stdin.setRawMode(true);
  stdin.resume();
  let text = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            return resolve(text);
          }
          if (ch === '\u0003') {
            stdin.off('data', onData);
            return reject(new CliError('interrupted', EXIT.interrupted));
          }
          if (ch === '\u007f') text = text.slice(0, -1);
          else text += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    io.stderr.write('\n');
  }
}

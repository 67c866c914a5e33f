import { openDatabase } from '../db/openDatabase';
import { openSync, type SyncCounts } from './SyncEngine';
import { runSyncLoop, type SyncStatus } from './SyncLoop';

export interface OpenedSync {
  /** One pass: push, then pull until caught up. */
  syncOnce(): Promise<SyncCounts>;
  /** Keeps syncing until `signal` aborts. */
  runLoop(options: { signal: AbortSignal; onStatus: (status: SyncStatus) => void }): Promise<void>;
  close(): Promise<void>;
}

/**
 * `spool sync`'s way in: sync on a connection of its own to the library file, as the
 * app's SyncService does, so no shell ever holds the core's connection. Throws what
 * `openSync` throws (wrong passphrase, server schema too new, unreachable server),
 * with the connection closed.
 */
export async function openSyncOnOwnConnection(options: {
  dbFile: string;
  url: string;
  passphrase: string;
  newDeviceId: () => string;
}): Promise<OpenedSync> {
  const { db } = openDatabase({ file: options.dbFile });
  let opened;
  try {
    opened = await openSync({
      db,
      url: options.url,
      passphrase: options.passphrase,
      newDeviceId: options.newDeviceId,
    });
  } catch (err) {
    db.close();
    throw err;
  }
  const { engine, server } = opened;
  return {
    syncOnce: () => engine.syncOnce(),
    runLoop: ({ signal, onStatus }) => runSyncLoop({ db, engine, server, signal, onStatus }),
    close: async () => {
      try {
        await server.close();
      } finally {
        db.close();
      }
    },
  };
}

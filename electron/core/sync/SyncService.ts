/**
 * Sync inside the app (Settings → Sync): the connection string and passphrase kept like
 * API keys (the OS keychain on the desktop, the 0600 secrets file in browser mode), and
 * the same loop `spool sync` runs, on a connection of its own so that this process's
 * own commits move `PRAGMA data_version` for it as another process's would.
 */
import type { Database } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import type { SyncState } from '../../../shared/api/schemas/sync';
import { openDatabase } from '../db/openDatabase';
import type { SecretStore } from '../secrets/SecretStore';
import type { SyncStatus } from './SyncLoop';

/** Loaded when sync is used, so a library that never syncs never loads the PostgreSQL client. */
const syncModules = async () => ({
  ...(await import('./SyncEngine')),
  ...(await import('./SyncLoop')),
  ...(await import('./serverSchema')),
});

const URL_REF = 'sync:database-url';
const PASSPHRASE_REF = 'sync:passphrase';

export interface SyncServiceDeps {
  dbFile: string;
  secrets: SecretStore;
  newDeviceId: () => string;
  now: () => number;
  onState: (state: SyncState) => void;
  log: (line: string) => void;
}

export class SyncService {
  private current: SyncState = { state: 'off' };
  private run: { abort: AbortController; done: Promise<void> } | null = null;
  private lastSyncedAt: number | null = null;

  constructor(private readonly deps: SyncServiceDeps) {}

  state(): SyncState {
    return this.current;
  }

  /** At launch: syncs if it was set up before. */
  async start(): Promise<void> {
    const url = await this.deps.secrets.get(URL_REF);
    const passphrase = await this.deps.secrets.get(PASSPHRASE_REF);
    if (url && passphrase) this.begin(url, passphrase);
  }

  async configure(url: string, passphrase: string): Promise<SyncState> {
    await this.stop();
    // Checked before anything is kept: a wrong passphrase or an unusable server changes nothing.
    const { openSync } = await syncModules();
    const db = this.openOwnConnection();
    try {
      const { server } = await openSync({ db, url, passphrase, newDeviceId: this.deps.newDeviceId });
      await server.close();
    } catch (err) {
      throw await asApiFailure(err);
    } finally {
      db.close();
    }
    await this.deps.secrets.set(URL_REF, url);
    await this.deps.secrets.set(PASSPHRASE_REF, passphrase);
    this.begin(url, passphrase);
    return this.current;
  }

  async disable(): Promise<SyncState> {
    await this.stop();
    await this.deps.secrets.delete(URL_REF);
    await this.deps.secrets.delete(PASSPHRASE_REF);
    this.set({ state: 'off' });
    return this.current;
  }

  async close(): Promise<void> {
    await this.stop();
  }

  private begin(url: string, passphrase: string): void {
    const abort = new AbortController();
    const server = describeServer(url);
    this.set({ state: 'connecting', server });
    const done = this.loop(url, passphrase, server, abort.signal).catch((err: unknown) =>
      this.deps.log(`sync stopped: ${(err as Error).message}`),
    );
    this.run = { abort, done };
  }

  /** Connects (again and again while the server is unreachable), then runs the loop until stopped. */
  private async loop(url: string, passphrase: string, server: string, signal: AbortSignal): Promise<void> {
    const { openSync, runSyncLoop, sleep, SyncWrongPassphraseError, SyncSchemaTooNewError } =
      await syncModules();
    let backoffMs = 1000;
    let offlineSince: number | null = null;
    while (!signal.aborted) {
      const db = this.openOwnConnection();
      try {
        const opened = await openSync({ db, url, passphrase, newDeviceId: this.deps.newDeviceId });
        offlineSince = null;
        backoffMs = 1000;
        try {
          await runSyncLoop({
            db,
            engine: opened.engine,
            server: opened.server,
            signal,
            now: this.deps.now,
            onStatus: (s) =>
              this.set(fromStatus(s, server, this.lastSyncedAt, (at) => (this.lastSyncedAt = at))),
          });
        } finally {
          await opened.server.close();
        }
      } catch (err) {
        if (err instanceof SyncWrongPassphraseError || err instanceof SyncSchemaTooNewError) {
          this.set({ state: 'offline', server, since: this.deps.now(), error: err.message });
          return; // retrying cannot help: the user has to act
        }
        offlineSince ??= this.deps.now();
        this.set({ state: 'offline', server, since: offlineSince, error: (err as Error).message });
        await sleep(backoffMs, signal);
        backoffMs = Math.min(backoffMs * 2, 60_000);
      } finally {
        db.close();
      }
    }
  }

  private async stop(): Promise<void> {
    const run = this.run;
    this.run = null;
    if (!run) return;
    run.abort.abort();
    await run.done;
  }

  private openOwnConnection(): Database {
    return openDatabase({ file: this.deps.dbFile }).db;
  }

  private set(state: SyncState): void {
    this.current = state;
    this.deps.onState(state);
  }
}

function fromStatus(
  s: SyncStatus,
  server: string,
  lastSyncedAt: number | null,
  synced: (at: number) => void,
): SyncState {
  if (s.state === 'synced') {
    synced(s.at);
    return { state: 'synced', server, lastSyncedAt: s.at };
  }
  if (s.state === 'syncing') return { state: 'syncing', server, lastSyncedAt };
  return { state: 'offline', server, since: s.since, error: s.error };
}

/** host/database only: the connection string may hold a password. */
export function describeServer(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the sync server';
  }
}

async function asApiFailure(err: unknown): Promise<ApiFailure> {
  const { SyncWrongPassphraseError, SyncSchemaTooNewError } = await syncModules();
  if (err instanceof SyncWrongPassphraseError) return new ApiFailure('BAD_REQUEST', err.message);
  if (err instanceof SyncSchemaTooNewError) return new ApiFailure('CONFLICT', err.message);
  return new ApiFailure('UNAVAILABLE', `The sync server could not be reached: ${(err as Error).message}`);
}

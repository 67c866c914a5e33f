import os from 'node:os';
import type { Database, Statement } from 'better-sqlite3';
import { systemClock, type Clock } from '../deps';
import { readProcStat, sameProcessAlive } from './processIdentity';
import { BusyTimeout } from './storageErrors';
import { defaultInternalError, type InternalErrorReporter } from './types';

export interface InstanceRegistryOptions {
  /** This process's instance id: the `owner` of the streams it writes. */
  id: string;
  /** 'desktop' | 'web' | 'cli' | 'test'…, for people reading the table. */
  kind: string;
  clock?: Clock;
  heartbeatMs?: number;
  /** A heartbeat older than this means the owner is gone (§3.7). */
  staleMs?: number;
  pid?: number;
  /** The OS start time of `pid` (processIdentity.ts); read from /proc on Linux when absent. */
  procStart?: number | null;
  hostname?: string;
  onInternalError?: InternalErrorReporter;
}

interface InstanceRow {
  pid: number;
  proc_start: number | null;
  hostname: string;
  heartbeat_at: number;
}

/**
 * The `instances` table (§3.7): the desktop app, browser mode and the CLI may share
 * one database, so each process registers itself and refreshes a heartbeat on an
 * unref'd timer. Another process's streams are touched only when it is gone: its
 * heartbeat is stale, or it ran on this machine and its process no longer exists —
 * the same pid AND the same start time (a reused pid is another process).
 */
/** Owner of a stream row that sync pulled from another device (`sync:<device id>`). */
export const REMOTE_OWNER_PREFIX = 'sync:';

export class InstanceRegistry {
  readonly id: string;
  readonly pid: number;
  readonly procStart: number | null;
  readonly hostname: string;
  private readonly kind: string;
  private readonly clock: Clock;
  private readonly heartbeatMs: number;
  private readonly staleMs: number;
  private readonly reportInternal: InternalErrorReporter;
  private timer: NodeJS.Timeout | null = null;
  private readonly busy: BusyTimeout;
  private readonly q: {
    upsert: Statement<[string, number, number | null, string, string, number, number]>;
    beat: Statement<[number, string]>;
    beatStreams: Statement<[number, string]>;
    get: Statement<[string], InstanceRow>;
    remove: Statement<[string]>;
  };

  constructor(
    private readonly db: Database,
    options: InstanceRegistryOptions,
  ) {
    this.id = options.id;
    this.clock = options.clock ?? systemClock;
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.staleMs = options.staleMs ?? 15_000;
    this.pid = options.pid ?? process.pid;
    this.procStart =
      options.procStart !== undefined ? options.procStart : (readProcStat(this.pid)?.startTime ?? null);
    this.hostname = options.hostname ?? os.hostname();
    this.reportInternal = options.onInternalError ?? defaultInternalError;
    this.busy = new BusyTimeout(db, 100);
    this.kind = options.kind;
    this.q = {
      upsert: db.prepare(
        `INSERT INTO instances (id, pid, proc_start, hostname, kind, started_at, heartbeat_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET pid = excluded.pid, proc_start = excluded.proc_start,
           hostname = excluded.hostname, kind = excluded.kind, heartbeat_at = excluded.heartbeat_at`,
      ),
      beat: db.prepare('UPDATE instances SET heartbeat_at = ? WHERE id = ?'),
      beatStreams: db.prepare("UPDATE streams SET heartbeat_at = ? WHERE status = 'streaming' AND owner = ?"),
      get: db.prepare('SELECT pid, proc_start, hostname, heartbeat_at FROM instances WHERE id = ?'),
      remove: db.prepare('DELETE FROM instances WHERE id = ?'),
    };
  }

  /** Registers this process and starts the heartbeat. */
  start(): void {
    const now = this.clock.now();
    this.q.upsert.run(this.id, this.pid, this.procStart, this.hostname, this.kind, now, now);
    if (this.timer) return;
    this.timer = setInterval(() => this.beat(), this.heartbeatMs);
    this.timer.unref();
  }

  /** Refreshes this process's heartbeat and that of the streams it owns. */
  beat(): void {
    const now = this.clock.now();
    try {
      this.busy.run(() =>
        this.db
          .transaction(() => {
            this.q.beat.run(now, this.id);
            this.q.beatStreams.run(now, this.id);
          })
          .immediate(),
      );
    } catch (err) {
      // A missed beat is harmless unless storage stays down past staleMs; the chunk
      // log reports that failure to the user. Only bugs are worth a report here.
      if (!(err instanceof Error && 'code' in err)) this.reportInternal(err, 'instance heartbeat');
    }
  }

  /** Whether the owner of a stream is alive (this process always is). */
  isAlive(ownerId: string | null): boolean {
    if (ownerId === null) return false;
    if (ownerId === this.id) return true;
    // A stream pulled by sync belongs to the device that streams it: only its own
    // status records end it here, never this library's recovery.
    if (ownerId.startsWith(REMOTE_OWNER_PREFIX)) return true;
    const row = this.q.get.get(ownerId);
    if (!row) return false;
    if (this.clock.now() - row.heartbeat_at > this.staleMs) return false;
    if (row.hostname === this.hostname) return sameProcessAlive(row.pid, row.proc_start);
    return true;
  }

  /** Stops the heartbeat and removes this process's row (its streams are ended by then). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      this.q.remove.run(this.id);
    } catch {
      // Storage down at quit: the stale heartbeat tells the next launch we are gone.
    }
  }
}

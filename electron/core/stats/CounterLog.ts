import type { Database, Statement } from 'better-sqlite3';
import { systemClock, type Clock } from '../deps';
import { isStorageFailure } from '../stream/storageErrors';
import type { StorageFault, StreamListener } from '../stream/types';

/** What the `counters` table holds: one row per occurrence of what no other table records. */
export type CounterName =
  | 'replay'
  | 'storage_failure'
  | 'recovery'
  | 'chunks_unsaved'
  /** A provider attempt that failed and was retried; label = its error class. */
  | 'provider_retry';

/**
 * Local counters (never sent anywhere). Also an engine listener: a storage failure
 * episode is recorded when it ends, with its SQLite code and how long it lasted (the
 * write then works again); one still open at quit is recorded by `close`, if storage
 * lets it. A counter write never breaks what it counts.
 */
export class CounterLog implements StreamListener {
  private readonly insert: Statement<[number, string, string | null, number, number | null]>;
  private readonly clock: Clock;
  private readonly reportInternal: (err: unknown, where: string) => void;
  private fault: StorageFault | null = null;

  constructor(
    db: Database,
    options: { clock?: Clock; onInternalError?: (err: unknown, where: string) => void } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.reportInternal = options.onInternalError ?? ((err, where) => console.error(where, err));
    this.insert = db.prepare('INSERT INTO counters (at, name, label, value, value2) VALUES (?, ?, ?, ?, ?)');
  }

  record(name: CounterName, label: string | null, value: number, value2: number | null = null): boolean {
    try {
      this.insert.run(this.clock.now(), name, label, value, value2);
      return true;
    } catch (err) {
      if (!isStorageFailure(err)) this.reportInternal(err, `counters.${name}`);
      return false;
    }
  }

  storageChanged(fault: StorageFault | null): void {
    if (fault) {
      this.fault ??= fault;
      return;
    }
    const ended = this.fault;
    this.fault = null;
    if (ended) this.record('storage_failure', ended.code, this.clock.now() - ended.since, 1);
  }

  /** At quit: an episode still open is recorded as not recovered, with chunks that could not be saved. */
  close(unsavedChunks: number): void {
    const open = this.fault;
    this.fault = null;
    if (open) this.record('storage_failure', open.code, this.clock.now() - open.since, 0);
    if (unsavedChunks > 0) this.record('chunks_unsaved', null, unsavedChunks);
  }
}

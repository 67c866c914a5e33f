/** What the WAL checkpointer and its worker thread (checkpointWorker.ts) pass each other. */

/** The worker's start-up data. */
export interface CheckpointWorkerData {
  /** better-sqlite3's entry, as the main thread resolved it: the worker opens the same copy. */
  driverPath: string;
  /** Inside Electron, the Electron build of the addon (db/nativeBinding.ts). */
  nativeBinding: string | undefined;
  file: string;
  intervalMs: number;
  passEveryMs: number;
  truncateAboveBytes: number;
  restartAboveBytes: number;
  /** The shared state word: RUNNING, STOP_REQUESTED, CLOSED. */
  state: SharedArrayBuffer;
}

export const RUNNING = 0;
export const STOP_REQUESTED = 1;
/** The worker's connection is closed: the main thread may close its own (and so remove the WAL). */
export const CLOSED = 2;

export interface CheckpointResult {
  mode: 'PASSIVE' | 'TRUNCATE';
  /** 1 when it could not finish (a reader or writer was in the way). */
  busy: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
  ms: number;
}

/** From the main thread: check now ('tick'), or close the connection and stop ('close'). */
export type ToCheckpointWorker = 'tick' | 'close';

export type FromCheckpointWorker =
  | { kind: 'ready' }
  | ({ kind: 'checkpoint' } & CheckpointResult)
  | { kind: 'error'; message: string; code?: string };

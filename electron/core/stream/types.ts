import type { ChunkItem } from '../../../shared/chunks';
import type { MessageError } from '../../../shared/api/schemas/messages';

/** How a stream ended. 'interrupted' = its reader was lost (quit, crash); no chunk marks it. */
export type StreamEndStatus = 'complete' | 'error' | 'cancelled' | 'interrupted';

export interface StreamEnd {
  streamId: string;
  messageId: string;
  status: StreamEndStatus;
  error: MessageError | null;
  endedAt: number;
}

/** One chunk as read back from the log, with its time offset (for export). */
export interface LoggedChunk extends ChunkItem {
  /** Milliseconds since the stream started. */
  tMs: number;
}

/** What one committed transaction made durable: chunks (per stream in seq order) and stream ends. */
export interface CommitBatch {
  items: ChunkItem[];
  ended: StreamEnd[];
}

/** Storage refusing writes (§3.10): the SQLite code and its own words. */
export interface StorageFault {
  code: string;
  message: string;
  /** When the first failing commit of this episode happened (clock ms). */
  since: number;
  /** Failed commit attempts in this episode. */
  attempts: number;
}

export interface StreamInfo {
  streamId: string;
  messageId: string;
  startedAt: number;
}

/**
 * Sees every stream of the engine (the debounced writer is one). Called synchronously
 * after the fact: `committed` only after the transaction committed (§3.3).
 */
export interface StreamListener {
  streamStarted?(info: StreamInfo): void;
  committed?(batch: CommitBatch): void;
  /** Storage is failing: these chunks were delivered live but are NOT durable yet. */
  undurable?(items: ChunkItem[], fault: StorageFault): void;
  /** A failure episode began (fault) or ended with everything pending written (null). */
  storageChanged?(fault: StorageFault | null): void;
  /** A live-only event (e.g. tokens/s): never logged. */
  live?(streamId: string, event: unknown): void;
}

export interface DeliveryInfo {
  /** false while storage fails: the chunks are live from memory, not yet in the log. */
  durable: boolean;
  /** true for pages replayed from the log, false for live batches. */
  replay: boolean;
}

export type BatchHandler = (items: ChunkItem[], info: DeliveryInfo) => void;

export type InternalErrorReporter = (err: unknown, where: string) => void;

export const defaultInternalError: InternalErrorReporter = (err, where) =>
  console.error(`[spool] internal error in ${where}:`, err);

/**
 * Measurement, not behaviour: what only instrumentation can show and no user needs, so no
 * API call reports it (the `sustained` and `writes` benchmarks). Given once at construction
 * (`SpoolCoreOptions.observe`), never patched in; called synchronously on the commit and
 * compaction paths once their work is done, so it must be cheap. A throw is reported as an
 * internal error and goes no further (`tellObserver`): it never fails a commit, a flush or
 * a compaction.
 */
export interface CoreObserver {
  /** After each group-commit transaction of the chunk log committed. */
  onCommit?(commit: CommitObservation): void;
  /** After a finished stream's chunk log was compacted (its own transaction). */
  onCompacted?(compaction: CompactionObservation): void;
}

export interface CommitObservation {
  /** The transaction's own time (its rows, stream ends and COMMIT), ms. */
  ms: number;
  /** Chunks it made durable, across streams; of them, text deltas (a token each at chat rates). */
  chunks: number;
  textDeltas: number;
  /** Their payloads as the log receives them: the UTF-8 bytes of each chunk's JSON. */
  payloadBytes: number;
}

export interface CompactionObservation {
  streamId: string;
  /** The compaction transaction's time, ms. */
  ms: number;
}

/** Calls an observer; what it throws is reported and stops there (see `CoreObserver`). */
export function tellObserver(call: () => void, report: InternalErrorReporter, where: string): void {
  try {
    call();
  } catch (err) {
    report(err, where);
  }
}

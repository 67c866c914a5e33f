import type { Clock } from '../deps';
import type { CoreObserver, InternalErrorReporter } from './types';

export interface ChunkLogOptions {
  clock?: Clock;
  /**
   * The adaptive commit window (§3.2): a commit follows the previous one by at least
   * this many ms unless `commitBytes` are pending; a chunk after a quiet spell commits on
   * the next turn. 0 = every turn. At chat rates a window lets one commit carry several
   * tokens (each commit writes whole pages to the WAL, however few bytes it adds).
   * Default 0; the app sets its own (SpoolCore's CHAT_COMMIT_POLICY).
   */
  commitWindowMs?: number;
  /** Pending payload bytes that commit on the next turn even inside the window. Default 1536. */
  commitBytes?: number;
  /** Payloads over this many UTF-8 bytes become continuation rows (§3.8). Default 1 MiB. */
  maxChunkBytes?: number;
  /** Pending-buffer caps (§3.9); at either one `append` returns a promise to await. */
  maxPendingChunks?: number;
  maxPendingBytes?: number;
  /** Busy timeout of a commit; past it the commit counts as failed and is retried. */
  commitBusyTimeoutMs?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  onInternalError?: InternalErrorReporter;
  /** Benchmarks: each commit's transaction time and what it carried (types.ts, `CoreObserver`). */
  observe?: Pick<CoreObserver, 'onCommit'>;
}

/** The numeric limits of a chunk log, every one set. */
export type ChunkLogLimits = Required<Omit<ChunkLogOptions, 'clock' | 'onInternalError' | 'observe'>>;

export function chunkLogLimits(options: ChunkLogOptions): ChunkLogLimits {
  return {
    commitWindowMs: options.commitWindowMs ?? 0,
    commitBytes: options.commitBytes ?? 1536,
    maxChunkBytes: options.maxChunkBytes ?? 1024 * 1024,
    maxPendingChunks: options.maxPendingChunks ?? 10_000,
    maxPendingBytes: options.maxPendingBytes ?? 32 * 1024 * 1024,
    commitBusyTimeoutMs: options.commitBusyTimeoutMs ?? 200,
    retryInitialMs: options.retryInitialMs ?? 25,
    retryMaxMs: options.retryMaxMs ?? 5000,
  };
}

import fs from 'node:fs';
import path from 'node:path';

/** One measured reply of the `writes` benchmark (bench/writes.ts), as its JSON records it. */
export interface RunResult {
  tokens: number;
  chunks: number;
  payloadBytes: number;
  wchar: number;
  writeBytes: number;
  wcharPerToken: number;
  writeBytesPerToken: number;
  ratioToPayload: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  walMaxBytes: number;
  /** Bytes per token written while the reply streamed and settled (max of wchar and write_bytes). */
  replyBytesPerToken: number;
  /** Bytes per token written by compacting the reply afterwards, its checkpoint included. */
  compactionBytesPerToken: number;
  compactionWchar: number;
  compactionWriteBytes: number;
  compactionMs: number;
  /** Where the reply window's wchar went: the main thread (WAL appends) and other threads (checkpoints). */
  replyMainThreadWchar: number;
  replyOtherThreadsWchar: number;
}

/** The WAL file's size now (0 when there is none). */
export function walBytes(dir: string): number {
  try {
    return fs.statSync(path.join(dir, 'spool.db-wal')).size;
  } catch {
    return 0;
  }
}

/**
 * Reads every stream's chunk log in one pass with plain SQL (not the engine's
 * reader), rejoining continuation rows (§3.8), and keeps what the check needs of
 * each: its text deltas joined, its last seq, its terminal chunk, its first hole.
 */
import type { Database } from 'better-sqlite3';

export interface StreamLog {
  /** The concatenated text deltas. */
  text: string;
  /** The last seq (-1: no chunk). */
  maxSeq: number;
  count: number;
  /** The type of its first terminal chunk (finish, abort, error), if any. */
  terminal: string | null;
  /** The first hole in its seqs or parts, if any. */
  gap: string | null;
  /** The seqs present, kept only when there is a gap (else they are 0..maxSeq). */
  seqs: Set<number> | null;
}

const TERMINAL = new Set(['finish', 'abort', 'error']);

export function readLogs(db: Database): Map<string, StreamLog> {
  const logs = new Map<string, StreamLog>();
  const rows = db
    .prepare<[], [string, number, number, string]>(
      'SELECT stream_id, seq, part, payload FROM chunks ORDER BY stream_id, seq, part',
    )
    .raw(true)
    .iterate();
  let log: StreamLog | null = null;
  let streamId = '';
  let seqsSeen: number[] = [];
  let payload = '';
  let seq = -1;
  let part = -1;
  const closeChunk = () => {
    if (!log || seq < 0) return;
    log.count++;
    log.maxSeq = seq;
    seqsSeen.push(seq);
    try {
      const chunk = JSON.parse(payload) as { type: string; delta?: string };
      if (chunk.type === 'text-delta') log.text += chunk.delta ?? '';
      if (TERMINAL.has(chunk.type)) log.terminal ??= chunk.type;
    } catch {
      log.gap ??= `seq ${seq} does not rejoin to valid JSON`;
    }
  };
  const closeStream = () => {
    closeChunk();
    if (log?.gap) log.seqs = new Set(seqsSeen);
  };
  for (const [id, s, p, text] of rows) {
    if (id !== streamId) {
      closeStream();
      streamId = id;
      log = { text: '', maxSeq: -1, count: 0, terminal: null, gap: null, seqs: null };
      logs.set(id, log);
      seqsSeen = [];
      seq = -1;
      part = -1;
    }
    if (s === seq) {
      if (p !== part + 1) log!.gap ??= `seq ${s}: part ${p} follows part ${part}`;
      part = p;
      payload += text;
      continue;
    }
    closeChunk();
    if (s !== seq + 1) log!.gap ??= `seq ${s} follows seq ${seq}`;
    if (p !== 0) log!.gap ??= `seq ${s} starts at part ${p}`;
    seq = s;
    part = p;
    payload = text;
  }
  closeStream();
  return logs;
}

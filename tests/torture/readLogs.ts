/**
 * Reads every stream's chunk log in one pass with plain SQL (not the engine's
 * reader), rejoining continuation rows (§3.8), and keeps what the check needs of
 * each: its text deltas joined, its last seq, its terminal chunk, its first hole.
 * A compacted stream's rows are in `chunk_blocks` (migration 015): those are decoded
 * with the codec alone and merged with the rows by hand, so a row lost or doubled by
 * compaction shows as a hole or a repeat like any other.
 */
import type { Database } from 'better-sqlite3';
import { STREAM_KEY_SPAN } from '../../electron/core/db/migrations/012-chunk-rows-by-key';
import { decodeBlock } from '../../electron/core/stream/chunkBlocks';

type LogRow = [streamId: string, seq: number, part: number, payload: string];

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
  /** Chunks read from compacted blocks. */
  fromBlocks: number;
}

const TERMINAL = new Set(['finish', 'abort', 'error']);

export function readLogs(db: Database): Map<string, StreamLog> {
  const logs = new Map<string, StreamLog>();
  const rows = db.prepare<[], LogRow>('SELECT stream_id, seq, part, payload FROM chunks').raw(true).all();
  const fromBlocks = blockRows(db);
  rows.push(...fromBlocks);
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  const blockChunks = new Map<string, number>();
  for (const [id, , p] of fromBlocks) if (p === 0) blockChunks.set(id, (blockChunks.get(id) ?? 0) + 1);
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
      log = {
        text: '',
        maxSeq: -1,
        count: 0,
        terminal: null,
        gap: null,
        seqs: null,
        fromBlocks: blockChunks.get(id) ?? 0,
      };
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

/** Every row of every block, as the `chunks` view would show it (a first row's type prefix put back). */
function blockRows(db: Database): LogRow[] {
  const hasBlocks = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_blocks'").get();
  if (!hasBlocks) return [];
  const blocks = db
    .prepare<[], [string, number, Buffer]>(
      `SELECT s.id, b.codec, b.data FROM chunk_blocks b
         JOIN streams s ON b.key >= s.no * ${STREAM_KEY_SPAN} AND b.key < (s.no + 1) * ${STREAM_KEY_SPAN}`,
    )
    .raw(true)
    .all();
  const out: LogRow[] = [];
  for (const [id, codec, data] of blocks) {
    for (const r of decodeBlock(codec, data)) {
      const payload =
        r.part === 0 && r.payload.startsWith('"') ? `{"type":"${r.type}",${r.payload}` : r.payload;
      out.push([id, r.seq, r.part, payload]);
    }
  }
  return out;
}

import type { Database, Statement, Transaction } from 'better-sqlite3';
import { STREAM_KEY_SPAN } from '../db/migrations/012-chunk-rows-by-key';
import { STREAM_FACTS_SQL } from '../db/migrations/015-chunk-blocks';
import { CODEC_BROTLI_COLUMNS, encodeBlock, type StoredRow } from './chunkBlocks';
import { decodeRawDelta, isRawDelta } from './rawDelta';

/** A block closes after this many rows or payload characters (a chunk's parts never straddle two). */
export const BLOCK_MAX_ROWS = 4096;
export const BLOCK_MAX_CHARS = 256 * 1024;

export type CompactOutcome =
  | { compacted: true; rows: number; blocks: number; bytes: number }
  | { compacted: false; reason: 'unknown' | 'live' | 'already' };

type RowOut = [key: bigint, seq: bigint, part: bigint, tMs: bigint, type: string, payload: string];
interface Facts {
  first: number | null;
  last: number | null;
  content: number;
  committed: number;
}

interface Statements {
  stream: Statement<[string], { no: number; status: string; packed: number | null }>;
  rows: Statement<[bigint, bigint], RowOut>;
  facts: Statement<[{ id: string }], Facts>;
  mark: Statement<[number, number, number | null, number | null, number, number]>;
  block: Statement<[bigint, number, number, Buffer]>;
  drop: Statement<[bigint, bigint]>;
  rewrite: Statement<[string, bigint]>;
  tx: Transaction<(streamId: string, now: number) => CompactOutcome>;
}

const SPAN = BigInt(STREAM_KEY_SPAN);
const prepared = new WeakMap<Database, Statements>();

/**
 * Compacts one finished stream's chunk log into compressed blocks (migration 015), in
 * ONE IMMEDIATE transaction: the blocks and the facts go in and the rows go out
 * together, so a crash at any instant leaves the stream either wholly rows or wholly
 * compacted. The status is read inside the transaction: a stream still `streaming`
 * (in this process or any other) is never touched. The last chunk stays a row.
 */
export function compactStream(db: Database, streamId: string, now: number): CompactOutcome {
  return statements(db).tx.immediate(streamId, now);
}

function statements(db: Database): Statements {
  let s = prepared.get(db);
  if (s) return s;
  const st: Omit<Statements, 'tx'> = {
    stream: db.prepare(
      `SELECT s.no, s.status, p.no AS packed FROM streams s LEFT JOIN packed_streams p ON p.no = s.no
        WHERE s.id = ?`,
    ),
    rows: db
      .prepare<[bigint, bigint], RowOut>(
        'SELECT key, seq, part, t_ms, type, payload FROM chunk_rows WHERE key >= ? AND key < ? ORDER BY key',
      )
      .raw(true)
      .safeIntegers(true),
    facts: db.prepare<[{ id: string }], Facts>(STREAM_FACTS_SQL),
    mark: db.prepare(
      `INSERT INTO packed_streams (no, packed_at, first_content_ms, last_ms, content_chunks, committed_chunks)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    block: db.prepare('INSERT INTO chunk_blocks (key, last_seq, codec, data) VALUES (?, ?, ?, ?)'),
    drop: db.prepare('DELETE FROM chunk_rows WHERE key >= ? AND key < ?'),
    rewrite: db.prepare('UPDATE chunk_rows SET payload = ? WHERE key = ?'),
  };
  s = { ...st, tx: db.transaction((id: string, now: number) => compactIn(st, id, now)) };
  prepared.set(db, s);
  return s;
}

function compactIn(st: Omit<Statements, 'tx'>, streamId: string, now: number): CompactOutcome {
  const stream = st.stream.get(streamId);
  if (!stream) return { compacted: false, reason: 'unknown' };
  if (stream.status === 'streaming') return { compacted: false, reason: 'live' };
  if (stream.packed !== null) return { compacted: false, reason: 'already' };
  const facts = st.facts.get({ id: streamId })!;
  st.mark.run(stream.no, now, facts.first, facts.last, facts.content, facts.committed);
  const base = BigInt(stream.no) * SPAN;
  const all = st.rows.all(base, base + SPAN);
  // Blocks hold raw events whole (brotli finds the repeats); a delta row kept would lose its key.
  const rewritten = wholeRawRows(all);
  // The last chunk (all its parts) stays a row: streams.last_seq and usage read it by key.
  let keep = all.length;
  while (keep > 0 && all[keep - 1]![2] > 0n) keep--;
  keep = Math.max(0, keep - 1);
  if (keep === 0) return { compacted: true, rows: 0, blocks: 0, bytes: 0 };
  let blocks = 0;
  let bytes = 0;
  let start = 0;
  while (start < keep) {
    let end = start;
    let chars = 0;
    // Close at a chunk boundary once full; a single oversized chunk makes a block alone.
    while (
      end < keep &&
      (end === start || all[end]![2] > 0n || (end - start < BLOCK_MAX_ROWS && chars < BLOCK_MAX_CHARS))
    ) {
      chars += all[end]![5].length;
      end++;
    }
    const rows: StoredRow[] = [];
    for (let i = start; i < end; i++) {
      const [, seq, part, tMs, type, payload] = all[i]!;
      rows.push({ seq: Number(seq), part: Number(part), tMs: Number(tMs), type, payload });
    }
    const data = encodeBlock(rows);
    st.block.run(base + BigInt(rows[0]!.seq), rows[rows.length - 1]!.seq, CODEC_BROTLI_COLUMNS, data);
    blocks++;
    bytes += data.length;
    start = end;
  }
  for (let i = keep; i < all.length; i++) if (rewritten.has(i)) st.rewrite.run(all[i]![5], all[i]![0]);
  st.drop.run(base, all[keep]![0]);
  return { compacted: true, rows: keep, blocks, bytes };
}

/** Replaces each raw delta row's payload by its whole stored form; returns their indexes. */
function wholeRawRows(rows: RowOut[]): Set<number> {
  const changed = new Set<number>();
  let key = '';
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row[2] !== 0n || row[4] !== 'raw') continue;
    if (!isRawDelta(row[5])) key = row[5];
    else {
      row[5] = decodeRawDelta(key, row[5]);
      changed.add(i);
    }
  }
  return changed;
}

import type { Database, Statement } from 'better-sqlite3';
import type { Chunk, ChunkItem } from '../../../shared/chunks';
import { STREAM_KEY_SPAN } from '../db/migrations/012-chunk-rows-by-key';
import { decodeBlock } from './chunkBlocks';
import { decodeRawDelta, isRawDelta } from './rawDelta';
import type { LoggedChunk } from './types';

/**
 * How chunks sit in the `chunks` table (§2, §3.8): payload is the chunk's JSON text;
 * a payload over `maxBytes` UTF-8 bytes is split into continuation rows part 0..n
 * and rejoined on read. Splits fall between characters, never inside a surrogate
 * pair, so every row is valid text on its own and the rejoined string is byte-exact.
 */
export function splitPayload(payload: string, maxBytes: number): string[] {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short payloads need no measuring.
  if (payload.length * 3 <= maxBytes || Buffer.byteLength(payload, 'utf8') <= maxBytes) return [payload];
  if (maxBytes < 4) throw new RangeError('maxChunkBytes must be at least 4');
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < payload.length;) {
    const c = payload.charCodeAt(i);
    let width: number;
    let units = 1;
    if (c < 0x80) width = 1;
    else if (c < 0x800) width = 2;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(payload.charCodeAt(i + 1))) {
      width = 4;
      units = 2;
    } else width = 3;
    if (bytes + width > maxBytes && i > start) {
      parts.push(payload.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += width;
    i += units;
  }
  parts.push(payload.slice(start));
  return parts;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const TYPE_NAME = /^[a-z0-9-]+$/;

/**
 * A first row's payload as stored: without its leading `{"type":"<type>",` (the type
 * column says it; 15–20 bytes a row, a tenth of the log). Only when it starts so;
 * anything else is stored whole. `restorePayload` (and the `chunks` view) put it back.
 */
export function storedPayload(type: string, first: string): string {
  let prefix = prefixes.get(type);
  if (prefix === undefined) {
    prefix = TYPE_NAME.test(type) ? `{"type":"${type}",` : null;
    if (prefixes.size < 256) prefixes.set(type, prefix);
  }
  return prefix !== null && first.startsWith(prefix) ? first.slice(prefix.length) : first;
}

const prefixes = new Map<string, string | null>();

export function restorePayload(type: string, stored: string): string {
  return stored.charCodeAt(0) === 0x22 ? `{"type":"${type}",${stored}` : stored;
}

type RawRow = [seq: number, part: number, tMs: number, type: string, payload: string];
type BlockRow = [key: bigint, lastSeq: bigint, codec: bigint, data: Buffer];

interface Reads {
  keyBase: Statement<[string], number | null>;
  /** Null in a library opened at a schema before migration 015 (tests of older migrations). */
  blocks: Statement<[bigint, bigint, number], BlockRow> | null;
  rows: Statement<[bigint, bigint], RawRow>;
  next: Statement<[bigint, bigint], bigint | null>;
  last: Statement<[bigint, bigint], number>;
  /** The last raw row stored whole in [from, to): the key of the raw deltas after it. */
  rawKey: Statement<[bigint, bigint], string>;
}

const statements = new WeakMap<Database, Reads>();

function reads(db: Database): Reads {
  let r = statements.get(db);
  if (!r) {
    r = {
      keyBase: db.prepare<[string], number | null>('SELECT no FROM streams WHERE id = ?').pluck(),
      blocks: hasBlocks(db)
        ? db
            .prepare<[bigint, bigint, number], BlockRow>(
              'SELECT key, last_seq, codec, data FROM chunk_blocks WHERE key >= ? AND key < ? AND last_seq > ? ORDER BY key',
            )
            .raw(true)
            .safeIntegers(true)
        : null,
      rows: db
        .prepare<[bigint, bigint], RawRow>(
          'SELECT seq, part, t_ms, type, payload FROM chunk_rows WHERE key >= ? AND key < ? ORDER BY key',
        )
        .raw(true),
      next: db
        .prepare<[bigint, bigint], bigint | null>(
          'SELECT MIN(key) FROM chunk_rows WHERE key >= ? AND key < ?',
        )
        .pluck()
        .safeIntegers(true),
      last: db
        .prepare<[bigint, bigint], number>(
          'SELECT seq FROM chunk_rows WHERE key >= ? AND key < ? ORDER BY key DESC LIMIT 1',
        )
        .pluck(),
      rawKey: db
        .prepare<[bigint, bigint], string>(
          `SELECT payload FROM chunk_rows WHERE key >= ? AND key < ? AND type = 'raw' AND part = 0
             AND substr(payload, 1, 1) <> char(1) ORDER BY key DESC LIMIT 1`,
        )
        .pluck(),
    };
    statements.set(db, r);
  }
  return r;
}

function hasBlocks(db: Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chunk_blocks'").get() !==
    undefined
  );
}

const SPAN = BigInt(STREAM_KEY_SPAN);

/** The first key of a stream's rows (streams.no · 2^32), or -1 for an unknown stream. */
export function streamKeyBase(db: Database, streamId: string): bigint {
  const no = reads(db).keyBase.get(streamId);
  return no === undefined || no === null ? -SPAN : BigInt(no) * SPAN;
}

/** Committed chunks of a stream with seq > afterSeq, at most `limit` of them, rejoined. */
export function readChunks(db: Database, streamId: string, afterSeq: number, limit: number): LoggedChunk[] {
  return readRows(db, streamId, afterSeq, limit, toLogged);
}

/** The same as wire items ({ streamId, seq, chunk } only): what replay sends. */
export function readItems(db: Database, streamId: string, afterSeq: number, limit: number): ChunkItem[] {
  return readRows(db, streamId, afterSeq, limit, toItem);
}

/**
 * The highest committed seq of a stream (-1 with none). `streams.last_seq` says the
 * same once the stream has ended; while it streams only the log knows.
 */
export function lastCommittedSeq(db: Database, streamId: string): number {
  const base = streamKeyBase(db, streamId);
  if (base < 0n) return -1;
  return reads(db).last.get(base, base + SPAN) ?? -1;
}

function readRows<T>(
  db: Database,
  streamId: string,
  afterSeq: number,
  limit: number,
  make: (streamId: string, seq: number, tMs: number, payload: string, type: string) => T,
): T[] {
  const base = streamKeyBase(db, streamId);
  if (base < 0n || limit <= 0) return [];
  const q = reads(db);
  const lastWanted = afterSeq + limit;
  const end = base + SPAN;
  const out: T[] = [];
  // A compacted stream's chunks (all but its last) are in blocks; what is left are rows.
  if (q.blocks)
    readBlocks(q.blocks.all(base, end, afterSeq), afterSeq, lastWanted, (seq, tMs, type, payload) =>
      out.push(make(streamId, seq, tMs, payload, type)),
    );
  let seq = -1;
  let tMs = 0;
  let type = '';
  let text = '';
  // A row's index is ≥ its seq (continuation rows take indexes too), so the page starts
  // at index afterSeq + 1 and, without continuations, is exactly the next `limit` keys.
  let from = base + BigInt(afterSeq + 1);
  const start = from;
  // The stored form of the last raw row stored whole: raw deltas decode against it.
  let rawKey: string | null = null;
  const step = BigInt(limit + 16);
  scan: while (from < end) {
    const to = from + step < end ? from + step : end;
    const rows = q.rows.all(from, to);
    for (const row of rows) {
      const rawDelta = row[1] === 0 && row[3] === 'raw' && isRawDelta(row[4]);
      if (row[1] === 0 && row[3] === 'raw' && !rawDelta) rawKey = row[4];
      if (row[0] <= afterSeq) continue;
      if (row[0] > lastWanted) break scan;
      if (row[1] === 0) {
        if (seq >= 0) out.push(make(streamId, seq, tMs, text, type));
        seq = row[0];
        tMs = row[2];
        type = row[3];
        if (rawDelta) rawKey ??= q.rawKey.get(base, start) ?? '';
        text = restorePayload(row[3], rawDelta ? decodeRawDelta(rawKey!, row[4]) : row[4]);
      } else text += row[4];
    }
    // Keys are dense while a stream lives; past a hole (a row deleted by hand) look for the next.
    if (BigInt(rows.length) === to - from) from = to;
    else {
      const next = to < end ? q.next.get(to, end) : null;
      if (next === null || next === undefined) break;
      from = next;
    }
  }
  if (seq >= 0) out.push(make(streamId, seq, tMs, text, type));
  return out;
}

/** Chunks of decoded blocks with afterSeq < seq ≤ lastWanted, rejoined, in order. */
function readBlocks(
  blocks: BlockRow[],
  afterSeq: number,
  lastWanted: number,
  emit: (seq: number, tMs: number, type: string, payload: string) => void,
): void {
  for (const [key, , codec, data] of blocks) {
    if (Number(key % SPAN) > lastWanted) return;
    const rows = decodeBlock(Number(codec), data);
    for (let i = 0; i < rows.length;) {
      const first = rows[i]!;
      let text = restorePayload(first.type, first.payload);
      for (i++; i < rows.length && rows[i]!.part > 0; i++) text += rows[i]!.payload;
      if (first.seq > lastWanted) return;
      if (first.seq > afterSeq) emit(first.seq, first.tMs, first.type, text);
    }
  }
}

/** A chunk as stored: its JSON text byte for byte (the inspector counts its bytes). */
export interface StoredChunk {
  seq: number;
  tMs: number;
  type: string;
  payload: string;
}

/** Committed chunks with seq > afterSeq, at most `limit`, as stored text (not parsed). */
export function readStored(db: Database, streamId: string, afterSeq: number, limit: number): StoredChunk[] {
  return readRows(db, streamId, afterSeq, limit, (_id, seq, tMs, payload, type) => ({
    seq,
    tMs,
    type,
    payload,
  }));
}

/** Every committed chunk of a stream as stored text, page by page. */
export function* iterateStored(db: Database, streamId: string, pageSize = 2000): Generator<StoredChunk> {
  let after = -1;
  for (;;) {
    const page = readStored(db, streamId, after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

function toLogged(streamId: string, seq: number, tMs: number, payload: string): LoggedChunk {
  return { streamId, seq, tMs, chunk: JSON.parse(payload) as Chunk };
}

function toItem(streamId: string, seq: number, _tMs: number, payload: string): ChunkItem {
  return { streamId, seq, chunk: JSON.parse(payload) as Chunk };
}

/** Every committed chunk of a stream, page by page (bounded memory for long logs). */
export function* iterateChunks(db: Database, streamId: string, pageSize = 2000): Generator<LoggedChunk> {
  let after = -1;
  for (;;) {
    const page = readChunks(db, streamId, after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

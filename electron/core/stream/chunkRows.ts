import type { Database, Statement } from 'better-sqlite3';
import type { Chunk, ChunkItem } from '../../../shared/chunks';
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

type RawRow = [seq: number, part: number, tMs: number, payload: string];

const readStatements = new WeakMap<Database, Statement<[string, number, number], RawRow>>();

function readStatement(db: Database): Statement<[string, number, number], RawRow> {
  let stmt = readStatements.get(db);
  if (!stmt) {
    // A seq range, not a row LIMIT: seqs are dense, so a page never cuts a split chunk.
    stmt = db
      .prepare<[string, number, number], RawRow>(
        'SELECT seq, part, t_ms, payload FROM chunks WHERE stream_id = ? AND seq > ? AND seq <= ? ORDER BY seq, part',
      )
      .raw(true);
    readStatements.set(db, stmt);
  }
  return stmt;
}

/** Committed chunks of a stream with seq > afterSeq, at most `limit` of them, rejoined. */
export function readChunks(db: Database, streamId: string, afterSeq: number, limit: number): LoggedChunk[] {
  return readRows(db, streamId, afterSeq, limit, toLogged);
}

/** The same as wire items ({ streamId, seq, chunk } only): what replay sends. */
export function readItems(db: Database, streamId: string, afterSeq: number, limit: number): ChunkItem[] {
  return readRows(db, streamId, afterSeq, limit, toItem);
}

function readRows<T>(
  db: Database,
  streamId: string,
  afterSeq: number,
  limit: number,
  make: (streamId: string, seq: number, tMs: number, payload: string) => T,
): T[] {
  const rows = readStatement(db).all(streamId, afterSeq, afterSeq + limit);
  const out: T[] = [];
  let seq = -1;
  let tMs = 0;
  let text = '';
  for (const row of rows) {
    if (row[1] === 0) {
      if (seq >= 0) out.push(make(streamId, seq, tMs, text));
      seq = row[0];
      tMs = row[2];
      text = row[3];
    } else text += row[3];
  }
  if (seq >= 0) out.push(make(streamId, seq, tMs, text));
  return out;
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

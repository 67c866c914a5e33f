import zlib from 'node:zlib';

/** One row of the chunk log as stored (payload in its stored form: see `storedPayload`). */
export interface StoredRow {
  seq: number;
  part: number;
  tMs: number;
  type: string;
  payload: string;
}

/**
 * Codec 1: brotli (Node's built-in zlib: the same on Node 20 and Electron's Node 22,
 * no native dependency) over a columnar text. Columns compress far better than rows:
 * seqs and times as deltas, types as indexes, then the payloads grouped by type, so
 * the provider's near-identical raw events sit next to each other and the text deltas
 * next to each other. Payload lengths are UTF-16 units of strings SQLite gave us
 * (valid UTF-8, so concatenating and splitting them is exact).
 */
export const CODEC_BROTLI_COLUMNS = 1;

interface Columns {
  /** Type names; `y` indexes into it. */
  types: string[];
  /** First seq, then deltas. */
  s: number[];
  /** Continuation part of each row (all 0 but for oversized chunks). */
  p: number[];
  /** First t_ms, then deltas. */
  t: number[];
  y: number[];
  /** Payload length in UTF-16 units. */
  n: number[];
}

/** Brotli quality 9 with a text hint: measured against 5 and 11 on fake-provider replies. */
const BROTLI_QUALITY = 9;

export function encodeBlock(rows: readonly StoredRow[]): Buffer {
  const cols: Columns = { types: [], s: [], p: [], t: [], y: [], n: [] };
  const typeIndex = new Map<string, number>();
  const byType: string[][] = [];
  let prevSeq = 0;
  let prevT = 0;
  for (const row of rows) {
    let y = typeIndex.get(row.type);
    if (y === undefined) {
      y = cols.types.length;
      typeIndex.set(row.type, y);
      cols.types.push(row.type);
      byType.push([]);
    }
    cols.s.push(row.seq - prevSeq);
    cols.p.push(row.part);
    cols.t.push(row.tMs - prevT);
    cols.y.push(y);
    cols.n.push(row.payload.length);
    byType[y]!.push(row.payload);
    prevSeq = row.seq;
    prevT = row.tMs;
  }
  const text = `${JSON.stringify(cols)}\n${byType.map((p) => p.join('')).join('')}`;
  const input = Buffer.from(text, 'utf8');
  return zlib.brotliCompressSync(input, {
    params: {
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
}

export class CorruptBlockError extends Error {
  constructor(detail: string) {
    super(`chunk block unreadable: ${detail}`);
    this.name = 'CorruptBlockError';
  }
}

export function decodeBlock(codec: number, data: Uint8Array): StoredRow[] {
  if (codec !== CODEC_BROTLI_COLUMNS) throw new CorruptBlockError(`unknown codec ${codec}`);
  const text = zlib.brotliDecompressSync(data).toString('utf8');
  const newline = text.indexOf('\n');
  if (newline < 0) throw new CorruptBlockError('no column header');
  const cols = JSON.parse(text.slice(0, newline)) as Columns;
  const count = cols.s.length;
  // Where each type's payloads start in the text that follows the header.
  const offsets: number[] = new Array<number>(cols.types.length).fill(0);
  const totals = new Array<number>(cols.types.length).fill(0);
  for (let i = 0; i < count; i++) totals[cols.y[i]!]! += cols.n[i]!;
  let at = newline + 1;
  for (let y = 0; y < totals.length; y++) {
    offsets[y] = at;
    at += totals[y]!;
  }
  if (at !== text.length) throw new CorruptBlockError('payload lengths do not add up');
  const rows: StoredRow[] = new Array<StoredRow>(count);
  let seq = 0;
  let tMs = 0;
  for (let i = 0; i < count; i++) {
    const y = cols.y[i]!;
    const start = offsets[y]!;
    const end = start + cols.n[i]!;
    offsets[y] = end;
    seq += cols.s[i]!;
    tMs += cols.t[i]!;
    rows[i] = { seq, part: cols.p[i]!, tMs, type: cols.types[y]!, payload: text.slice(start, end) };
  }
  return rows;
}

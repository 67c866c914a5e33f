/**
 * A GGUF header reader that cannot be made to run away: every count and length the
 * file declares is checked against the bytes that are left before anything is read
 * or allocated for it, so work and memory are bounded by the file's size (and string
 * values Spool does not need are skipped, never held). A 15-byte file claiming
 * billions of entries fails at once as `malformed`; a header that runs past the end
 * of the file fails as `truncated`. The layout is the GGUF spec's (versions 2 and 3):
 * https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 *
 * Pure: it reads through a ByteSource, so it runs in a worker over a file descriptor
 * (ggufHeaderWorker.ts) and in the fuzz tests over a Buffer.
 */

export type GgufProblem = 'not_gguf' | 'truncated' | 'malformed';

export class GgufFormatError extends Error {
  constructor(
    readonly code: GgufProblem,
    message: string,
  ) {
    super(message);
    this.name = 'GgufFormatError';
  }
}

export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `position` (the caller never asks past `size`). */
  read(position: number, length: number): Buffer;
}

export type GgufValue = number | bigint | boolean | string | { array: number; length: number };

export interface GgufHeader {
  version: number;
  /** Scalars and kept strings by key; arrays as their element type and length only. */
  metadata: Record<string, GgufValue>;
  tensorCount: number;
  /** Total elements over all tensors (the parameter count). */
  parameters: number;
  /** Elements per ggml type, for the dominant quantisation. */
  elementsByType: Record<number, number>;
  /** Where the last tensor's data ends, by the header's own offsets and shapes. */
  expectedEnd: number;
}

/** String values kept (others are skipped): the ones Spool shows or decides on. */
const KEPT_STRING = /^(general\.(architecture|name)|tokenizer\.chat_template)$/;
const MAX_KEPT_STRING = 1 << 20;
const MAX_NAME = 1 << 16;
const MAX_ARRAY_DEPTH = 3;
const MAX_DIMS = 8;
const DEFAULT_ALIGNMENT = 32;

const enum T {
  U8 = 0,
  I8,
  U16,
  I16,
  U32,
  I32,
  F32,
  BOOL,
  STRING,
  ARRAY,
  U64,
  I64,
  F64,
}
const FIXED_SIZE: Partial<Record<number, number>> = {
  [T.U8]: 1,
  [T.I8]: 1,
  [T.BOOL]: 1,
  [T.U16]: 2,
  [T.I16]: 2,
  [T.U32]: 4,
  [T.I32]: 4,
  [T.F32]: 4,
  [T.U64]: 8,
  [T.I64]: 8,
  [T.F64]: 8,
};
/** Smallest encoding of one value of a type: what a declared count is checked against. */
const minSize = (type: number) => FIXED_SIZE[type] ?? (type === T.STRING ? 8 : 12);

/** Bytes and elements per block of the common ggml tensor types. */
const BLOCK: Record<number, [bytes: number, elements: number]> = {
  0: [4, 1], // F32
  1: [2, 1], // F16
  2: [18, 32], // Q4_0
  3: [20, 32], // Q4_1
  6: [22, 32], // Q5_0
  7: [24, 32], // Q5_1
  8: [34, 32], // Q8_0
  10: [84, 256], // Q2_K
  11: [110, 256], // Q3_K
  12: [144, 256], // Q4_K
  13: [176, 256], // Q5_K
  14: [210, 256], // Q6_K
  15: [292, 256], // Q8_K
  30: [2, 1], // BF16
};

const WINDOW = 1 << 20;

/** Reads forward through the source a window at a time; every read is bounds-checked. */
class Cursor {
  pos = 0;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(private readonly src: ByteSource) {}

  get left(): number {
    return this.src.size - this.pos;
  }

  bytes(length: number, what: string): Buffer {
    if (length > this.left)
      throw new GgufFormatError('truncated', `the header ends inside ${what} (byte ${this.pos})`);
    const offset = this.pos - this.windowStart;
    if (offset < 0 || offset + length > this.window.length) {
      this.windowStart = this.pos;
      this.window = this.src.read(this.pos, Math.min(this.left, Math.max(WINDOW, length)));
    }
    const start = this.pos - this.windowStart;
    this.pos += length;
    return this.window.subarray(start, start + length);
  }

  skip(length: number, what: string): void {
    if (length > this.left)
      throw new GgufFormatError('truncated', `the header ends inside ${what} (byte ${this.pos})`);
    this.pos += length;
  }

  u32(what: string): number {
    return this.bytes(4, what).readUInt32LE(0);
  }

  /** A u64 that must fit in a safe integer (every count and length here is ≤ the file size). */
  size(what: string): number {
    const value = this.bytes(8, what).readBigUInt64LE(0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new GgufFormatError('malformed', `${what} is ${value}, larger than any file`);
    return Number(value);
  }

  /** A declared count of items of at least `each` bytes: refused when the rest of the file cannot hold them. */
  count(each: number, what: string): number {
    const n = this.size(`the number of ${what}`);
    if (n * each > this.left)
      throw new GgufFormatError(
        'malformed',
        `it declares ${n} ${what}, more than the remaining ${this.left} bytes can hold`,
      );
    return n;
  }

  string(max: number, what: string): string {
    const length = this.size(`the length of ${what}`);
    if (length > max)
      throw new GgufFormatError('malformed', `${what} is ${length} bytes long (at most ${max})`);
    return this.bytes(length, what).toString('utf8');
  }
}

export function parseGgufHeader(src: ByteSource): GgufHeader {
  const c = new Cursor(src);
  if (src.size < 4 || c.bytes(4, 'the magic').toString('latin1') !== 'GGUF')
    throw new GgufFormatError('not_gguf', 'it does not start with "GGUF"');
  const version = c.u32('the version');
  if (version !== 2 && version !== 3)
    throw new GgufFormatError('malformed', `GGUF version ${version} is not one Spool reads (2 or 3)`);
  const tensorCount = c.count(24, 'tensors');
  const kvCount = c.count(13, 'metadata entries');

  const metadata: Record<string, GgufValue> = Object.create(null) as Record<string, GgufValue>;
  for (let i = 0; i < kvCount; i++) {
    const key = c.string(MAX_NAME, 'a metadata key');
    const type = c.u32(`the type of ${key}`);
    metadata[key] = readValue(c, type, key, 0);
  }

  const elementsByType: Record<number, number> = {};
  const tensors: { offset: number; bytes: number }[] = [];
  let parameters = 0;
  for (let i = 0; i < tensorCount; i++) {
    c.string(MAX_NAME, 'a tensor name');
    const dims = c.u32('a tensor’s dimension count');
    if (dims > MAX_DIMS) throw new GgufFormatError('malformed', `a tensor has ${dims} dimensions`);
    let elements = 1;
    for (let d = 0; d < dims; d++) elements *= c.size('a tensor dimension');
    const ggmlType = c.u32('a tensor type');
    const offset = c.size('a tensor offset');
    parameters += elements;
    elementsByType[ggmlType] = (elementsByType[ggmlType] ?? 0) + elements;
    const [bytes, per] = BLOCK[ggmlType] ?? [0, 1];
    tensors.push({ offset, bytes: Math.ceil(elements / per) * bytes });
  }

  const alignment = typeof metadata['general.alignment'] === 'number' ? metadata['general.alignment'] : 0;
  const align = alignment > 0 ? alignment : DEFAULT_ALIGNMENT;
  const dataStart = Math.ceil(c.pos / align) * align;
  let expectedEnd = tensorCount ? dataStart : c.pos;
  for (const t of tensors) expectedEnd = Math.max(expectedEnd, dataStart + t.offset + t.bytes);
  return { version, metadata, tensorCount, parameters, elementsByType, expectedEnd };
}

function readValue(c: Cursor, type: number, key: string, depth: number): GgufValue {
  switch (type) {
    case T.U8:
      return c.bytes(1, key).readUInt8(0);
    case T.I8:
      return c.bytes(1, key).readInt8(0);
    case T.BOOL:
      return c.bytes(1, key).readUInt8(0) !== 0;
    case T.U16:
      return c.bytes(2, key).readUInt16LE(0);
    case T.I16:
      return c.bytes(2, key).readInt16LE(0);
    case T.U32:
      return c.bytes(4, key).readUInt32LE(0);
    case T.I32:
      return c.bytes(4, key).readInt32LE(0);
    case T.F32:
      return c.bytes(4, key).readFloatLE(0);
    case T.U64:
      return c.bytes(8, key).readBigUInt64LE(0);
    case T.I64:
      return c.bytes(8, key).readBigInt64LE(0);
    case T.F64:
      return c.bytes(8, key).readDoubleLE(0);
    case T.STRING: {
      if (KEPT_STRING.test(key)) return c.string(MAX_KEPT_STRING, key);
      c.skip(c.size(`the length of ${key}`), key);
      return '';
    }
    case T.ARRAY: {
      if (depth >= MAX_ARRAY_DEPTH) throw new GgufFormatError('malformed', `${key} nests arrays too deep`);
      const elementType = c.u32(`the element type of ${key}`);
      if (elementType > T.F64)
        throw new GgufFormatError('malformed', `${key} has element type ${elementType}`);
      const length = c.count(minSize(elementType), `elements in ${key}`);
      const fixed = FIXED_SIZE[elementType];
      if (fixed !== undefined) c.skip(length * fixed, key);
      else for (let i = 0; i < length; i++) readValue(c, elementType, key, depth + 1);
      return { array: elementType, length };
    }
    default:
      throw new GgufFormatError('malformed', `${key} has value type ${type}, which GGUF does not define`);
  }
}

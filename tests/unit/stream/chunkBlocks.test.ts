import zlib from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  CODEC_BROTLI_COLUMNS,
  CorruptBlockError,
  decodeBlock,
  encodeBlock,
  type StoredRow,
} from '../../../electron/core/stream/chunkBlocks';

const rows: StoredRow[] = [
  { seq: 0, part: 0, tMs: 0, type: 'raw', payload: '"value":{"a":1}}' },
  { seq: 1, part: 0, tMs: 12, type: 'text-delta', payload: '"id":"t","delta":"h€llo 👋' },
  { seq: 1, part: 1, tMs: 12, type: 'text-delta', payload: '"}' },
  { seq: 2, part: 0, tMs: 30, type: 'raw', payload: '{"whole":true}' },
];

describe('the block codec', () => {
  test('decodes what it encoded, row for row', () => {
    expect(decodeBlock(CODEC_BROTLI_COLUMNS, encodeBlock(rows))).toEqual(rows);
  });

  test('refuses a codec it does not know with a CorruptBlockError', () => {
    expect(() => decodeBlock(99, encodeBlock(rows))).toThrow(CorruptBlockError);
  });

  test('refuses a block whose payload lengths do not add up', () => {
    const text = zlib.brotliDecompressSync(encodeBlock(rows)).toString('utf8');
    const truncated = zlib.brotliCompressSync(Buffer.from(text.slice(0, -3), 'utf8'));
    expect(() => decodeBlock(CODEC_BROTLI_COLUMNS, truncated)).toThrow(/do not add up/);
  });

  test('refuses bytes that are not brotli', () => {
    expect(() => decodeBlock(CODEC_BROTLI_COLUMNS, Buffer.from('not a block'))).toThrow();
  });
});

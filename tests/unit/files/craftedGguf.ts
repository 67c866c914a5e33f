/** Hostile GGUF files: valid magic and version, then counts and lengths that lie. */
export const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
export const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

export const CRAFTED_GGUF: Record<string, Buffer> = {
  /** The 15 bytes of the report: 'GGUF', version 3, garbage. */
  'fifteen-bytes': Buffer.concat([Buffer.from('GGUF'), u32(3), Buffer.from('garbage')]),
  'billions-of-tensors': Buffer.concat([Buffer.from('GGUF'), u32(3), u64(2n ** 40n), u64(0n)]),
  'huge-key-length': Buffer.concat([Buffer.from('GGUF'), u32(3), u64(0n), u64(1n), u64(2n ** 62n)]),
  'huge-array': Buffer.concat([
    Buffer.from('GGUF'),
    u32(3),
    u64(0n),
    u64(1n),
    u64(1n),
    Buffer.from('a'),
    u32(9),
    u32(8),
    u64(2n ** 50n),
  ]),
  'unknown-value-type': Buffer.concat([
    Buffer.from('GGUF'),
    u32(3),
    u64(0n),
    u64(1n),
    u64(1n),
    Buffer.from('a'),
    u32(99),
  ]),
  'version-7': Buffer.concat([Buffer.from('GGUF'), u32(7), u64(0n), u64(0n)]),
};

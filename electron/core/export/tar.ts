/**
 * A minimal ustar writer, so a browser can download the Markdown folder as one file
 * (`tar -xf spool-library.tar` restores the folder). Entries are regular files whose
 * size is known when they are added; names fit the 100-byte name field.
 */
const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, prefix: string, size: number, mtimeSec: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155) {
    throw new RangeError(`tar entry name too long: ${prefix}/${name}`);
  }
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtimeSec, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum counts as spaces while summing
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/** Tar blocks are bytes, not text: the destination takes them as they are. */
export interface BinarySink {
  writeBytes(bytes: Buffer): Promise<void>;
}

export class TarWriter {
  constructor(
    private readonly out: BinarySink,
    private readonly folder: string,
    private readonly mtimeMs: number,
  ) {}

  async add(name: string, content: string): Promise<void> {
    const body = Buffer.from(content, 'utf8');
    await this.out.writeBytes(header(name, this.folder, body.length, Math.floor(this.mtimeMs / 1000)));
    await this.out.writeBytes(body);
    const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
    if (pad) await this.out.writeBytes(Buffer.alloc(pad));
  }

  /** Two zero blocks end the archive. */
  async end(): Promise<void> {
    await this.out.writeBytes(Buffer.alloc(BLOCK * 2));
  }
}

import type { Writable } from 'node:stream';

/**
 * Where an export writes its text. Writes are gathered into blocks (a reply of
 * 100,000 deltas is not 100,000 writes) and every block waits for the destination
 * to drain (backpressure), so memory stays bounded whatever the export's size.
 */
export interface ExportSink {
  write(text: string): Promise<void>;
  /** Writes out what is gathered and waits for it to be accepted. */
  flush(): Promise<void>;
  /** UTF-8 bytes written so far (gathered included). */
  readonly bytes: number;
}

const BLOCK_CHARS = 64 * 1024;

export class WritableSink implements ExportSink {
  private gathered: string[] = [];
  private gatheredChars = 0;
  private written = 0;
  private failure: Error | null = null;

  constructor(private readonly out: Writable) {
    out.on('error', (err: Error) => (this.failure ??= err));
  }

  get bytes(): number {
    return this.written;
  }

  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    this.written += Buffer.byteLength(text, 'utf8');
    this.gathered.push(text);
    this.gatheredChars += text.length;
    if (this.gatheredChars >= BLOCK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.gathered.length === 0) return;
    const block = this.gathered.length === 1 ? this.gathered[0]! : this.gathered.join('');
    this.gathered = [];
    this.gatheredChars = 0;
    await this.put(block);
  }

  /** Bytes as they are (a tar block), after any gathered text. */
  async writeBytes(bytes: Buffer): Promise<void> {
    await this.flush();
    this.written += bytes.length;
    await this.put(bytes);
  }

  private async put(data: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.out.write(data)) return;
    await drained(this.out);
    if (this.failure) throw this.failure;
  }
}

/** Resolves on 'drain'; rejects if the stream errors or closes first. Leaves no listener behind. */
function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (err: Error) => done(err);
    const onClose = () => done(new Error('the output closed before the export was written'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Collects the export in memory: for tests and small API replies only. */
export class StringSink implements ExportSink {
  private parts: string[] = [];
  private written = 0;

  get bytes(): number {
    return this.written;
  }

  write(text: string): Promise<void> {
    this.parts.push(text);
    this.written += Buffer.byteLength(text, 'utf8');
    return Promise.resolve();
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  text(): string {
    return this.parts.join('');
  }
}

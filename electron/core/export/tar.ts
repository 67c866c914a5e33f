import { pack, type Pack } from 'tar-stream';

/**
 * A markdown folder as one tar, so a browser can download it as one file
 * (`tar -xf spool-library.tar` restores the folder). tar-stream writes the ustar
 * headers (and a pax header for a name ustar cannot hold); this class feeds its
 * output to the destination with backpressure: an entry is done only once the
 * destination has taken it.
 */

/** Tar blocks are bytes, not text: the destination takes them as they are. */
export interface BinarySink {
  writeBytes(bytes: Buffer): Promise<void>;
}

export class TarWriter {
  private readonly pack: Pack = pack();
  private readonly copied: Promise<void>;

  constructor(
    out: BinarySink,
    private readonly folder: string,
    private readonly mtimeMs: number,
  ) {
    this.copied = this.copy(out);
    // A failure reaches the caller through add()/end(); never as an unhandled rejection.
    this.copied.catch(() => {});
  }

  async add(name: string, content: string): Promise<void> {
    const body = Buffer.from(content, 'utf8');
    const header = {
      name: `${this.folder}/${name}`,
      size: body.length,
      mode: 0o644,
      mtime: new Date(Math.floor(this.mtimeMs / 1000) * 1000),
      type: 'file' as const,
    };
    await new Promise<void>((resolve, reject) => {
      this.pack.entry(header, body, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** tar-stream ends the archive with its two zero blocks. */
  async end(): Promise<void> {
    this.pack.finalize();
    await this.copied;
  }

  private async copy(out: BinarySink): Promise<void> {
    try {
      for await (const chunk of this.pack as AsyncIterable<Uint8Array>) {
        await out.writeBytes(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
    } catch (err) {
      // Stops tar-stream too: an entry waiting for room fails with this error.
      this.pack.destroy(err as Error);
      throw err;
    }
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type yauzl from 'yauzl';
import { ApiFailure } from '../../../shared/api/result';
import type { AssetLookup } from './chatgptContent';

/**
 * Opens an export for reading as a stream of `conversations.json` (or a Spool JSON
 * export) bytes: the file itself, or the entry inside a ChatGPT / Claude `.zip`.
 *
 * A zip is read with yauzl: entries come from the central directory and each is
 * inflated as a stream, so a 500 MB `conversations.json` never sits in memory. A zip
 * bomb is bounded twice: the size the directory declares must be under
 * `maxUncompressedBytes`, and the inflated bytes are counted as they come (yauzl also
 * refuses an entry that inflates to more than it declared).
 */

export interface OpenedExport {
  /** The JSON bytes. */
  stream: Readable;
  /** Bytes the JSON has (the file's size, or the entry's uncompressed size). */
  totalBytes: number;
  /** Bytes of JSON read so far. */
  bytesRead(): number;
  /** Files the zip holds besides the JSON, looked up by the id their name starts with. */
  assets: AssetLookup;
  close(): void;
}

export interface OpenLimits {
  /** The most a zip's conversations.json may inflate to. */
  maxUncompressedBytes: number;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 8 * 1024 ** 3;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function startsWithZipMagic(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_MAGIC);
  } finally {
    await handle.close();
  }
}

/** Counts bytes as they pass, and fails the stream past `limit`. */
function counter(limit: number): Transform & { count: number } {
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      t.count += chunk.length;
      if (t.count > limit) {
        done(
          new ApiFailure('BAD_REQUEST', `conversations.json inflates to more than ${limit} bytes: refused.`),
        );
        return;
      }
      done(null, chunk);
    },
  }) as Transform & { count: number };
  t.count = 0;
  return t;
}

export async function openExport(file: string, limits: OpenLimits): Promise<OpenedExport> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new ApiFailure('NOT_FOUND', `No file at ${file}.`);
  }
  if (!stat.isFile()) throw new ApiFailure('BAD_REQUEST', `${file} is not a file.`);
  if (await startsWithZipMagic(file)) return openZip(file, limits);
  const count = counter(Number.MAX_SAFE_INTEGER);
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(count);
  return {
    stream,
    totalBytes: stat.size,
    bytesRead: () => count.count,
    assets: () => undefined,
    close: () => stream.destroy(),
  };
}

async function openZip(file: string, limits: OpenLimits): Promise<OpenedExport> {
  // Loaded when a zip is opened: only `import` reads one.
  const { default: zipReader } = await import('yauzl');
  let zip: yauzl.ZipFile;
  try {
    zip = await zipReader.openPromise(file, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch (err) {
    throw new ApiFailure(
      'BAD_REQUEST',
      `Not a readable zip: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    let json: yauzl.Entry | undefined;
    const names: string[] = [];
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      names.push(entry.fileName);
      // The export's own file sits at the top; a nested one (shallowest wins) is accepted too.
      if (path.posix.basename(entry.fileName) === 'conversations.json') {
        const depth = entry.fileName.split('/').length;
        if (!json || depth < json.fileName.split('/').length) json = entry;
      }
    }
    if (!json) {
      throw new ApiFailure(
        'BAD_REQUEST',
        'This zip has no conversations.json: it is not a ChatGPT or Claude data export.',
      );
    }
    if (json.uncompressedSize > limits.maxUncompressedBytes) {
      throw new ApiFailure(
        'BAD_REQUEST',
        `conversations.json would inflate to ${json.uncompressedSize} bytes, more than the ` +
          `${limits.maxUncompressedBytes} allowed: refused.`,
      );
    }
    const inflated = await zip.openReadStreamPromise(json);
    const count = counter(limits.maxUncompressedBytes);
    const stream = inflated.pipe(count);
    inflated.on('error', (err) =>
      count.destroy(
        new ApiFailure('BAD_REQUEST', `The zip is damaged or lies about its sizes (${err.message}).`),
      ),
    );
    const assets: AssetLookup = (id) =>
      id ? names.find((n) => path.posix.basename(n).startsWith(id) && n !== json.fileName) : undefined;
    return {
      stream,
      totalBytes: json.uncompressedSize,
      bytesRead: () => count.count,
      assets,
      close: () => {
        stream.destroy();
        zip.close();
      },
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** Reads the first `bytes` of a stream to tell what it is, and gives back all of it as a stream. */
export async function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first: Buffer[] = [];
  let n = 0;
  let ended = false;
  while (n < bytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    first.push(r.value);
    n += r.value.length;
  }
  const head = Buffer.concat(first);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    while (!ended) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, stream: Readable.from(all(), { objectMode: false }) };
}

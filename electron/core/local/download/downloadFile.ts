/**
 * One resumable HTTP download of a GGUF file into the models folder. Bytes go to
 * `<name>.partial`; a sidecar `<name>.partial.json` remembers the URL, the size the
 * server announced and the expected sha256, so a download cut off — by the network,
 * by Pause, or by the app being killed — carries on with an HTTP Range request from
 * the bytes already on disk. Only a complete file that checks out (size, sha256 when
 * known, GGUF magic, tensors all present) is renamed to `<name>`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LocalModelError, readLocalModelInfo } from '../ggufInfo';

export interface Sidecar {
  url: string;
  fileName: string;
  totalBytes: number | null;
  sha256: string | null;
  /** The user paused it: not resumed by itself at the next start. */
  paused: boolean;
}

export interface DownloadPaths {
  final: string;
  partial: string;
  sidecar: string;
}

export function downloadPaths(modelsDir: string, fileName: string): DownloadPaths {
  const final = path.join(modelsDir, fileName);
  return { final, partial: `${final}.partial`, sidecar: `${final}.partial.json` };
}

export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as Sidecar;
    return typeof value.url === 'string' && typeof value.fileName === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSidecar(file: string, sidecar: Sidecar): Promise<void> {
  await fs.writeFile(`${file}.tmp`, JSON.stringify(sidecar, null, 2) + '\n');
  await fs.rename(`${file}.tmp`, file);
}

export async function partialSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

/** A failure worth retrying from where it stopped (a cut connection, a 5xx), or not (a 404, a bad file). */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export interface FetchPartOptions {
  paths: DownloadPaths;
  sidecar: Sidecar;
  signal: AbortSignal;
  onBytes(received: number, total: number | null): void;
  fetch?: typeof globalThis.fetch;
}

/**
 * Fetches the rest of the file into the partial. Resolves when the server sent
 * everything; throws DownloadError on a cut or a refusal, or the abort reason on Pause.
 */
export async function fetchRest(o: FetchPartOptions): Promise<void> {
  const fetchFn = o.fetch ?? globalThis.fetch;
  let offset = await partialSize(o.paths.partial);
  if (o.sidecar.totalBytes !== null && offset === o.sidecar.totalBytes) return;
  let response: Response;
  try {
    response = await fetchFn(o.sidecar.url, {
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      signal: o.signal,
      redirect: 'follow',
    });
  } catch (err) {
    if (o.signal.aborted) throw err;
    throw new DownloadError(`Could not reach ${new URL(o.sidecar.url).host}: ${(err as Error).message}`, true);
  }
  if (response.status === 416 && offset > 0) return; // nothing left to send
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(
      `The server answered HTTP ${response.status} ${response.statusText}.`.replace(/ \.$/, '.'),
      response.status >= 500 || response.status === 429,
    );
  }
  if (response.status !== 206) offset = 0; // no Range support: start over
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && response.headers.get('content-length') !== null ? offset + length : null;
  if (total !== null && o.sidecar.totalBytes !== total) {
    o.sidecar.totalBytes = total;
    await writeSidecar(o.paths.sidecar, o.sidecar);
  }
  if (!response.body) throw new DownloadError('The server sent no body.', true);
  const out = createWriteStream(o.paths.partial, { flags: offset > 0 ? 'a' : 'w' });
  let received = offset;
  const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  counted.on('data', (chunk: Buffer) => {
    received += chunk.length;
    o.onBytes(received, o.sidecar.totalBytes);
  });
  try {
    await pipeline(counted, out);
  } catch (err) {
    if (o.signal.aborted) throw err;
    throw new DownloadError(`The connection was cut after ${received} bytes: ${(err as Error).message}`, true);
  }
  if (o.sidecar.totalBytes !== null && received < o.sidecar.totalBytes) {
    throw new DownloadError(
      `The connection ended after ${received} of ${o.sidecar.totalBytes} bytes.`,
      true,
    );
  }
}

/** The partial is complete: check it and move it into place. Throws DownloadError (not retryable). */
export async function finishDownload(paths: DownloadPaths, sidecar: Sidecar): Promise<void> {
  const size = await partialSize(paths.partial);
  if (sidecar.totalBytes !== null && size !== sidecar.totalBytes) {
    throw new DownloadError(`The download has ${size} bytes but the server announced ${sidecar.totalBytes}.`, false);
  }
  if (sidecar.sha256) {
    const actual = await sha256Of(paths.partial);
    if (actual !== sidecar.sha256.toLowerCase()) {
      await fs.rm(paths.partial, { force: true });
      throw new DownloadError(
        `The downloaded file's sha256 is ${actual}, not the expected ${sidecar.sha256}; it was deleted.`,
        false,
      );
    }
  }
  try {
    await readLocalModelInfo(paths.partial, 'folder', sidecar.fileName);
  } catch (err) {
    if (err instanceof LocalModelError) throw new DownloadError(err.message, false);
    throw err;
  }
  await fs.rename(paths.partial, paths.final);
  await fs.rm(paths.sidecar, { force: true });
}

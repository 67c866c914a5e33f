/**
 * One resumable HTTP download of a GGUF file into the models folder. Bytes go to
 * `<name>.partial`; a sidecar `<name>.partial.json` remembers the URL, the size the
 * server announced and the expected sha256, so a download cut off — by the network,
 * by Pause, or by the app being killed — carries on with an HTTP Range request from
 * the bytes already on disk. Only a complete file that checks out (size, sha256 when
 * known, GGUF magic, tensors all present) is renamed to `<name>`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { readRegularText } from '../../files/regularFile';
import { LocalModelError, readLocalModelInfo } from '../ggufInfo';

export interface Sidecar {
  url: string;
  fileName: string;
  totalBytes: number | null;
  sha256: string | null;
  /** The user paused it: not resumed by itself at the next start. */
  paused: boolean;
  /** Why it failed for good (a refusal, a bad file): shown as is, never retried by itself. */
  failed?: string | null;
  /** Its check had begun: a process that died during it must not check it again by itself. */
  checking?: boolean;
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
    // Regular files only: a FIFO named *.partial.json would block the start for good.
    const value = JSON.parse(await readRegularText(file)) as Sidecar;
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

/**
 * A failure worth retrying from where it stopped (a cut connection, a 5xx), or not (a 404,
 * a bad file). `badRequest`: the caller's input cannot work (a URL or name that is no file).
 */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly badRequest = false,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** Errors that no retry can fix: a bad URL or protocol, a certificate that does not check out. */
const PERMANENT_CODES = new Set([
  'ERR_INVALID_URL',
  'ERR_INVALID_PROTOCOL',
  'ERR_INVALID_ARG_VALUE',
  'ERR_INVALID_ARG_TYPE',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_INVALID_HTTP_TOKEN',
  'ERR_INVALID_CHAR',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** http(s) only: a redirect elsewhere (file:, ftp:, data:) is refused at once, never retried. */
function downloadUrl(location: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    throw new DownloadError(`"${location.slice(0, 200)}" is not a valid URL.`, false, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new DownloadError(
      `Refused to download from a ${url.protocol} URL${base ? ' (the server redirected there)' : ''}: only http and https.`,
      false,
      base === undefined,
    );
  return url;
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
}

const MAX_REDIRECTS = 5;

/** GET with redirects followed (Hugging Face answers with one to its CDN); resolves at the headers. */
async function get(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  hops = 0,
): Promise<http.IncomingMessage> {
  const target = downloadUrl(url);
  // Loaded on first use: node:https brings TLS, which commands that only read the library never need.
  const { default: transport } =
    target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const request = transport.get(target, { headers, signal }, (res) => {
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (hops >= MAX_REDIRECTS) return reject(new DownloadError('Too many redirects.', false));
        let next: URL;
        try {
          next = downloadUrl(location, url);
        } catch (err) {
          return reject(err);
        }
        return resolve(get(next.href, headers, signal, hops + 1));
      }
      resolve(res);
    });
    request.on('error', reject);
  });
}

/**
 * Fetches the rest of the file into the partial. Resolves when the server sent
 * everything; throws DownloadError on a cut or a refusal, or the abort reason on Pause.
 * Plain node:http, each chunk written before the next is read, so every byte that
 * arrived before a cut is on disk and the next Range starts right after it.
 */
export async function fetchRest(o: FetchPartOptions): Promise<void> {
  let offset = await partialSize(o.paths.partial);
  if (o.sidecar.totalBytes !== null && offset === o.sidecar.totalBytes) return;
  let response: http.IncomingMessage;
  try {
    response = await get(o.sidecar.url, offset > 0 ? { range: `bytes=${offset}-` } : {}, o.signal);
  } catch (err) {
    if (o.signal.aborted || err instanceof DownloadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DownloadError(
      `Could not reach ${new URL(o.sidecar.url).host}: ${(err as Error).message}`,
      !(code && PERMANENT_CODES.has(code)),
    );
  }
  const status = response.statusCode ?? 0;
  if (status === 416 && offset > 0) return void response.resume(); // nothing left to send
  if (status < 200 || status >= 300) {
    response.resume();
    throw new DownloadError(
      `The server answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`,
      status >= 500 || status === 429,
    );
  }
  if (status !== 206) offset = 0; // no Range support: start over
  const length = response.headers['content-length'];
  const total = length !== undefined && /^\d+$/.test(length) ? offset + Number(length) : null;
  if (total !== null && o.sidecar.totalBytes !== total) {
    o.sidecar.totalBytes = total;
    await writeSidecar(o.paths.sidecar, o.sidecar);
  }
  const file = await fs.open(o.paths.partial, offset > 0 ? 'a' : 'w');
  let received = offset;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      await file.write(chunk);
      received += chunk.length;
      o.onBytes(received, o.sidecar.totalBytes);
    }
  } catch (err) {
    if (o.signal.aborted) throw err;
    throw new DownloadError(
      `The connection was cut after ${received} bytes: ${(err as Error).message}`,
      true,
    );
  } finally {
    await file.close();
  }
  if (o.signal.aborted) throw new Error('aborted');
  if (o.sidecar.totalBytes !== null && received < o.sidecar.totalBytes) {
    throw new DownloadError(`The connection ended after ${received} of ${o.sidecar.totalBytes} bytes.`, true);
  }
}

/** The partial is complete: check it and move it into place. Throws DownloadError (not retryable). */
export async function finishDownload(paths: DownloadPaths, sidecar: Sidecar): Promise<void> {
  const size = await partialSize(paths.partial);
  if (sidecar.totalBytes !== null && size !== sidecar.totalBytes) {
    throw new DownloadError(
      `The download has ${size} bytes but the server announced ${sidecar.totalBytes}.`,
      false,
    );
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

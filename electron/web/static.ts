import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

/** Serves the built renderer from one folder; nothing outside it is reachable. */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget =
  { kind: 'file'; file: string; html: boolean } | { kind: 'not-found' } | { kind: 'bad-path' };

/**
 * Maps a URL path to a file under `root`. A path that has no extension and names
 * no file is a client-side route, so it gets index.html (the SPA fallback); a
 * missing asset is a 404. Paths that decode to something outside `root` never
 * reach the file system.
 */
export function resolveStatic(root: string, urlPath: string): StaticTarget {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'bad-path' };
  }
  // The URL parser already folded literal `..`; one that survives decoding was smuggled in encoded.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return { kind: 'bad-path' };
  }
  const rootDir = path.resolve(root);
  const wanted = path.resolve(rootDir, '.' + path.posix.normalize('/' + decoded));
  if (wanted !== rootDir && !wanted.startsWith(rootDir + path.sep)) return { kind: 'bad-path' };

  const file = wanted === rootDir ? path.join(rootDir, 'index.html') : wanted;
  if (isFile(file)) return { kind: 'file', file, html: path.extname(file) === '.html' };
  if (path.extname(decoded) === '') {
    const index = path.join(rootDir, 'index.html');
    if (isFile(index)) return { kind: 'file', file: index, html: true };
  }
  return { kind: 'not-found' };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function sendFile(
  res: ServerResponse,
  target: { file: string; html: boolean },
  headOnly: boolean,
  extraHeaders: Record<string, string> = {},
): void {
  let size: number;
  try {
    size = fs.statSync(target.file).size;
  } catch {
    sendText(res, 404, 'Not found.');
    return;
  }
  res.writeHead(200, {
    ...extraHeaders,
    'Content-Type': contentTypeFor(target.file),
    'Content-Length': String(size),
    // Hashed asset names change with their content; the HTML must always be fresh.
    'Cache-Control': target.html ? 'no-store' : 'no-cache',
    ...(target.html ? { 'Content-Security-Policy': HTML_CSP } : {}),
  });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(target.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extraHeaders: Record<string, string> = {},
): void {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, {
    ...extraHeaders,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

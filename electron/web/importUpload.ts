import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { ImportUploads } from '../core/import/ImportService';

/** The largest upload browser mode takes (an export's zip is far below it). */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

/**
 * Browser mode's upload for Settings → Import: `POST /import-upload` with the file as
 * the body (the caller has checked Host, Origin and the token). The body streams to
 * `<data dir>/imports/<uploadId>.upload`, never into memory; the answer is
 * `{uploadId}` for `import.start`, which removes the file once the import ends.
 */
export async function serveImportUpload(
  req: IncomingMessage,
  res: ServerResponse,
  uploads: ImportUploads,
  headers: Record<string, string>,
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<void> {
  const reply = (status: number, body: unknown): void =>
    void res
      .writeHead(status, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
      })
      .end(JSON.stringify(body));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    req.resume();
    return reply(413, { error: `The file is larger than ${maxBytes} bytes.` });
  }
  const { uploadId, file } = uploads.newUpload();
  let received = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      done(received > maxBytes ? new Error('too large') : null, chunk);
    },
  });
  try {
    await pipeline(req, cap, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch {
    fs.rmSync(file, { force: true });
    if (!res.headersSent && !res.destroyed) {
      return reply(received > maxBytes ? 413 : 400, { error: 'The upload did not arrive whole.' });
    }
    return;
  }
  reply(200, { uploadId, bytes: received });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseExportQuery } from '../../shared/api/schemas/export';
import { ApiFailure } from '../../shared/api/result';
import type { ExportDownloads } from '../core/export/Exporter';

/** Response header carrying the "may be incomplete" warning (URI-encoded: headers are Latin-1). */
export const EXPORT_WARNING_HEADER = 'X-Spool-Export-Warning';

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Browser mode's download: `GET /export?kind=…&id=…&format=…` (the caller has already
 * checked Host, Origin and the token). Streams the export into the response with
 * backpressure; a markdown-folder arrives as a .tar of the folder.
 */
export async function serveExportDownload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  downloads: ExportDownloads,
  headers: Record<string, string>,
): Promise<void> {
  const text = (status: number, body: string) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(body + '\n');
  };
  const parsed = parseExportQuery(url.searchParams);
  if (!parsed.success) {
    return text(400, `Bad export request: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  const target = parsed.data;
  let description;
  try {
    description = downloads.describe(target);
  } catch (err) {
    if (err instanceof ApiFailure && err.code === 'NOT_FOUND') return text(404, err.message);
    if (err instanceof ApiFailure && err.code === 'CONFLICT') return text(409, err.message);
    return text(500, `Export failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const fileName = description.directory ? `${description.fileName}.tar` : description.fileName;
  res.writeHead(200, {
    ...headers,
    'Content-Type': description.mimeType,
    'Content-Disposition': contentDisposition(fileName),
    'Cache-Control': 'no-store',
    ...(description.warning ? { [EXPORT_WARNING_HEADER]: encodeURIComponent(description.warning) } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await downloads.writeTo(target, res);
    res.end();
  } catch {
    // Headers are gone already: cutting the connection is how the browser learns it failed.
    res.destroy();
  }
}

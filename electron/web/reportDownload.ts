import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ReportFileName } from '../../shared/api/schemas/diagnostics';
import { findReport } from '../core/diagnostics/reportFiles';

/**
 * Browser mode's report download: `GET /report?file=<fileName>` (the caller has
 * already checked Host, Origin and the token). Serves only a report-named regular
 * file directly in `<dataDir>/reports/`; any other name, `..` and separators
 * included, is refused before the file system is asked about it.
 */
export async function serveReportDownload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  dataDir: string,
  headers: Record<string, string>,
): Promise<void> {
  const text = (status: number, body: string) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end(body + '\n');
  };
  const fileName = url.searchParams.get('file') ?? '';
  if (!ReportFileName.safeParse(fileName).success) return text(400, 'Not a report file name.');
  const file = findReport(dataDir, fileName);
  if (!file) return text(404, 'No such report.');
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return text(404, 'No such report.');
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'application/zip',
    'Content-Length': String(size),
    // The name passed findReport's pattern: plain ASCII, nothing to escape.
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(fs.createReadStream(file), res);
  } catch {
    // Headers are gone already: cutting the connection is how the browser learns it failed.
    res.destroy();
  }
}

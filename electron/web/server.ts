import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WEB_SOCKET_PATH } from '../../shared/api/bridge';
import { REPORT_HTTP_PATH } from '../../shared/api/schemas/diagnostics';
import { EXPORT_HTTP_PATH } from '../../shared/api/schemas/export';
import { IMPORT_UPLOAD_HTTP_PATH } from '../../shared/api/schemas/import';
import { serveImportUpload } from '../core/import/http';
import { serveReportDownload } from '../core/diagnostics/http';
import { serveExportDownload } from '../core/export/http';
import type { SpoolCore } from '../core/SpoolCore';
import {
  assertUsableToken,
  authenticate,
  isAllowedHost,
  isAllowedOrigin,
  newToken,
  tokenCookie,
} from './auth';
import { DEFAULT_SOCKET_LIMITS, serveSocket, type SocketLimits } from './socket';
import { resolveStatic, sendFile, sendText } from './static';

export interface WebHostOptions {
  core: SpoolCore;
  /** 0 or absent: pick a free port. */
  port?: number;
  /** Loopback only: '127.0.0.1' is the one value accepted (the Host check relies on it). */
  host?: string;
  /** Absent: a fresh random 256-bit token. */
  token?: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  limits?: Partial<SocketLimits>;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // With COOP above this makes the page cross-origin isolated: no cross-origin resource can be
  // embedded (there are none), and the page's clocks get their fine resolution (5 µs, not 100 µs
  // with jitter), which the frame-budget benchmark needs to tell a late frame from clock noise.
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Browser mode's host: serves the renderer and carries the API over a WebSocket
 * at /api, to this machine only. Every request must name us in Host (no DNS
 * rebinding), come from our own Origin if it names one, and carry the token —
 * in the query (the printed URL) or in the cookie set when the query was seen.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new Error(`Browser mode only listens on loopback (127.0.0.1), not on ${host}.`);
  }
  const token = options.token ?? newToken();
  assertUsableToken(token);
  const limits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  let port = 0;

  const server = http.createServer((req, res) => handleHttp(req, res));
  // The hard cap sits well above the soft limit, so a moderately oversized frame
  // still gets a typed BAD_REQUEST reply; only an absurd one closes the socket (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4 });
  wss.on('connection', (ws) => serveSocket(ws, options.core, limits));

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal = refuse(req, url, { originRequired: false });
    if (refusal) {
      sendText(res, refusal.status, refusal.message, SECURITY_HEADERS);
      return;
    }
    if (url.pathname === IMPORT_UPLOAD_HTTP_PATH && req.method === 'POST') {
      // Settings → Import's upload (issue 20): a write, so it must also come from our own page.
      const fromPage = refuse(req, url, { originRequired: true });
      if (fromPage) return sendText(res, fromPage.status, fromPage.message, SECURITY_HEADERS);
      void serveImportUpload(req, res, options.core.imports, SECURITY_HEADERS);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.', { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
      return;
    }
    if (url.pathname === EXPORT_HTTP_PATH) {
      // Downloads (issue 5): authenticated like any request above, by the page's token cookie.
      void serveExportDownload(req, res, url, options.core.exporter, SECURITY_HEADERS);
      return;
    }
    if (url.pathname === REPORT_HTTP_PATH) {
      // "Report a problem" zips (issue 9), authenticated the same way; only files in <dataDir>/reports/.
      void serveReportDownload(req, res, url, options.core.dataDir, SECURITY_HEADERS);
      return;
    }
    const target = resolveStatic(options.staticDir, url.pathname);
    if (target.kind === 'bad-path') return sendText(res, 400, 'Bad path.', SECURITY_HEADERS);
    if (target.kind === 'not-found' && url.pathname === '/favicon.ico') {
      // Browsers ask for it unprompted; an empty answer keeps their console free of 404s.
      res.writeHead(204, SECURITY_HEADERS).end();
      return;
    }
    if (target.kind === 'not-found') {
      const built = resolveStatic(options.staticDir, '/').kind === 'file';
      return built
        ? sendText(res, 404, 'Not found.', SECURITY_HEADERS)
        : sendText(res, 503, 'The renderer is not built: run `npm run build:renderer`.', SECURITY_HEADERS);
    }
    // The page is opened with ?token=…; the assets it loads carry no query, so the cookie carries it.
    const cookie: Record<string, string> =
      authenticate(req, url, port, token) === 'query' ? { 'Set-Cookie': tokenCookie(port, token) } : {};
    sendFile(res, target, req.method === 'HEAD', { ...SECURITY_HEADERS, ...cookie });
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal =
      url.pathname !== WEB_SOCKET_PATH
        ? { status: 404, message: 'Not found.' }
        : refuse(req, url, { originRequired: true });
    if (refusal) {
      const body = refusal.message + '\n';
      socket.end(
        `HTTP/1.1 ${refusal.status} ${http.STATUS_CODES[refusal.status]}\r\n` +
          'Content-Type: text/plain; charset=utf-8\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  function refuse(
    req: IncomingMessage,
    url: URL,
    { originRequired }: { originRequired: boolean },
  ): { status: number; message: string } | null {
    if (!isAllowedHost(req.headers.host, port)) {
      return { status: 403, message: 'Forbidden: this host only answers to 127.0.0.1 and localhost.' };
    }
    if (!isAllowedOrigin(req.headers.origin, port, { required: originRequired })) {
      return { status: 403, message: 'Forbidden: requests must come from the Spool page itself.' };
    }
    if (!authenticate(req, url, port, token)) {
      return { status: 401, message: 'Unauthorized: open the URL Spool printed, which carries the token.' };
    }
    return null;
  }

  server.on('upgrade', handleUpgrade);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.close(1001, 'Spool is shutting down.');
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Sockets that do not finish the closing handshake promptly are cut.
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1000).unref();
      });
      return closing;
    },
  };
}

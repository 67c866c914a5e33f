import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WEB_AUTH_CHECK_PATH, WEB_SOCKET_PATH, WEB_TICKET_PATH } from '../../shared/api/bridge';
import { REPORT_HTTP_PATH } from '../../shared/api/schemas/diagnostics';
import { EXPORT_HTTP_PATH } from '../../shared/api/schemas/export';
import { IMPORT_UPLOAD_HTTP_PATH } from '../../shared/api/schemas/import';
import type { SpoolCore } from '../core/SpoolCore';
import { serveExportDownload } from './exportDownload';
import { serveImportUpload } from './importUpload';
import { serveReportDownload } from './reportDownload';
import { assertUsableToken, authenticate, isAllowedHost, isAllowedOrigin, newToken } from './auth';
import { DEFAULT_SOCKET_LIMITS, serveSocket, type SocketLimits } from './socket';
import { TicketBook, ticketTarget } from './tickets';
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
  /** For ticket expiry; tests move it. */
  now?: () => number;
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
 * rebinding) and come from our own Origin if it names one. The page itself (the
 * built renderer: public code, no data) needs no token, so a reload works after the
 * page took the token out of its address bar; everything that reaches the library
 * does: the WebSocket (`?token=`), the access check (`Authorization: Bearer`), and
 * downloads (a single-use ticket the page asked for with its token; tickets.ts).
 * No cookie is ever set: other servers on 127.0.0.1 would receive it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new Error(`Browser mode only listens on loopback (127.0.0.1), not on ${host}.`);
  }
  const token = options.token ?? newToken();
  assertUsableToken(token);
  const limits: SocketLimits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  const tickets = new TicketBook(options.now);
  let port = 0;

  const server = http.createServer((req, res) => handleHttp(req, res));
  // The hard cap sits well above the soft limit, so a moderately oversized frame
  // still gets a typed BAD_REQUEST reply; only an absurd one closes the socket (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4 });
  wss.on('connection', (ws) => serveSocket(ws, options.core, limits));

  const UNAUTHORIZED = {
    status: 401,
    message: 'Unauthorized: open the URL Spool printed when it started, which carries the token.',
  };

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Writes (a ticket, an upload) must come from our own page: Origin required.
    const write = url.pathname === WEB_TICKET_PATH || url.pathname === IMPORT_UPLOAD_HTTP_PATH;
    const refusal = refuse(req, { originRequired: write });
    if (refusal) return sendText(res, refusal.status, refusal.message, SECURITY_HEADERS);
    if (url.pathname === WEB_TICKET_PATH) return void issueTicket(req, res, url);
    if (url.pathname === IMPORT_UPLOAD_HTTP_PATH && req.method === 'POST') {
      // Settings → Import's upload (issue 20), with the page's token in its Authorization header.
      if (!authenticate(req, url, token)) return sendText(res, 401, UNAUTHORIZED.message, SECURITY_HEADERS);
      return void serveImportUpload(req, res, options.core.importUploads, SECURITY_HEADERS);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed.', { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
      return;
    }
    if (url.pathname === WEB_AUTH_CHECK_PATH) {
      if (!authenticate(req, url, token)) return sendText(res, 401, UNAUTHORIZED.message, SECURITY_HEADERS);
      res.writeHead(204, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' }).end();
      return;
    }
    if (url.pathname === EXPORT_HTTP_PATH || url.pathname === REPORT_HTTP_PATH) {
      const allowed =
        tickets.redeem(url.searchParams.get('ticket'), ticketTarget(url)) || authenticate(req, url, token);
      if (!allowed) return sendText(res, 401, UNAUTHORIZED.message, SECURITY_HEADERS);
      // Downloads (issue 5) and "Report a problem" zips (issue 9; only files in <dataDir>/reports/).
      if (url.pathname === EXPORT_HTTP_PATH)
        void serveExportDownload(req, res, url, options.core.exportDownloads, SECURITY_HEADERS);
      else void serveReportDownload(req, res, url, options.core.dataDir, SECURITY_HEADERS);
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
    sendFile(res, target, req.method === 'HEAD', SECURITY_HEADERS);
  }

  /** POST {"path": "/export?…"} with the token → {"ticket": "…"} for that one download. */
  async function issueTicket(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const json = (status: number, body: unknown) =>
      res
        .writeHead(status, {
          ...SECURITY_HEADERS,
          'Content-Type': 'application/json',
          'Cache-Control': 'no-store',
        })
        .end(JSON.stringify(body));
    if (req.method !== 'POST')
      return void sendText(res, 405, 'Method not allowed.', { ...SECURITY_HEADERS, Allow: 'POST' });
    if (!authenticate(req, url, token))
      return void sendText(res, 401, UNAUTHORIZED.message, SECURITY_HEADERS);
    let body = '';
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        body += chunk.toString('utf8');
        if (body.length > 8192) throw new Error('too long');
      }
      const { path } = JSON.parse(body) as { path?: unknown };
      if (typeof path !== 'string') throw new Error('no path');
      const target = new URL(path, 'http://127.0.0.1');
      if (target.pathname !== EXPORT_HTTP_PATH && target.pathname !== REPORT_HTTP_PATH)
        throw new Error('not a download');
      json(200, { ticket: tickets.issue(ticketTarget(target)) });
    } catch {
      json(400, { error: 'Give {"path": "/export?…" or "/report?…"}.' });
    }
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refusal =
      url.pathname !== WEB_SOCKET_PATH
        ? { status: 404, message: 'Not found.' }
        : (refuse(req, { originRequired: true }) ?? (authenticate(req, url, token) ? null : UNAUTHORIZED));
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
    { originRequired }: { originRequired: boolean },
  ): { status: number; message: string } | null {
    if (!isAllowedHost(req.headers.host, port)) {
      return { status: 403, message: 'Forbidden: this host only answers to 127.0.0.1 and localhost.' };
    }
    if (!isAllowedOrigin(req.headers.origin, port, { required: originRequired })) {
      return { status: 403, message: 'Forbidden: requests must come from the Spool page itself.' };
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

/**
 * A real HTTP server on 127.0.0.1:0 serving one file with Range support, that can
 * be told to cut the connection after N bytes of a response (the socket destroyed,
 * as a flaky network does), and records the Range headers it was asked for.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelServer {
  url: string;
  ranges: (string | undefined)[];
  /** Cut the next responses after this many body bytes (each use consumes one). */
  cutAfter: number[];
  /** Slow each response to about this many bytes per 10 ms tick (0 = full speed). */
  bytesPerTick: number;
  close(): Promise<void>;
}

export async function startModelServer(file: string, name = 'model.gguf'): Promise<ModelServer> {
  const data = fs.readFileSync(file);
  const state: Omit<ModelServer, 'url' | 'close'> = { ranges: [], cutAfter: [], bytesPerTick: 0 };
  const server = http.createServer((req, res) => {
    if (req.url !== `/${name}`) return void res.writeHead(404).end('not found');
    state.ranges.push(req.headers.range);
    const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = match ? Number(match[1]) : 0;
    if (start >= data.length) return void res.writeHead(416).end();
    const body = data.subarray(start);
    res.writeHead(match ? 206 : 200, {
      'content-length': body.length,
      'content-type': 'application/octet-stream',
      ...(match ? { 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` } : {}),
    });
    const cut = state.cutAfter.shift();
    const limit = cut ?? body.length;
    let sent = 0;
    const step = state.bytesPerTick || limit;
    const pump = () => {
      if (res.destroyed) return;
      const n = Math.min(step, limit - sent);
      sent += n;
      // The cut comes once those bytes have left: the client really received them.
      res.write(body.subarray(sent - n, sent), () => {
        if (sent < body.length && sent >= limit) res.socket?.destroy();
      });
      if (sent >= body.length) return void res.end();
      if (sent < limit) setTimeout(pump, state.bytesPerTick ? 10 : 0);
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import type { WireServerMessage } from '../../../shared/api/bridge';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../electron/web/server';
import { makeTempDir } from '../../helpers/tempDir';
import { checkEvent, checkReply } from '../../helpers/contractCheck';

export const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head></html>';
export const APP_JS = 'console.log("spool");';

/** A stand-in for out/renderer: an index.html and one asset, so tests need no build. */
export function makeStaticDir(): string {
  const dir = makeTempDir('spool-static-').dir;
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), APP_JS);
  fs.writeFileSync(path.join(dir, 'assets', 'style.css'), 'body{}');
  return dir;
}

export interface TestHost {
  host: WebHost;
  core: SpoolCore;
  dataDir: string;
  origin: string;
  stop(): Promise<void>;
}

export async function startTestHost(options: Partial<WebHostOptions> = {}): Promise<TestHost> {
  const dataDir = makeTempDir('spool-web-').dir;
  const core = SpoolCore.open({ dataDir, mode: 'test' });
  const host = await startWebHost({ core, staticDir: makeStaticDir(), ...options });
  return {
    host,
    core,
    dataDir,
    origin: `http://127.0.0.1:${host.port}`,
    stop: async () => {
      await host.close();
      await core.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A plain HTTP request with exactly the headers given (Host included), as an attacker could send. */
export function request(
  port: number,
  pathAndQuery: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathAndQuery,
        method,
        headers: { Host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it was accepted. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

/** A connected API socket that collects what the host sends. */
export class TestSocket {
  readonly messages: WireServerMessage[] = [];
  private waiters: (() => void)[] = [];
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as WireServerMessage;
      if (message.type === 'event') checkEvent(message);
      this.messages.push(message);
      this.notify();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
  }

  static open(host: WebHost, origin: string): Promise<TestSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, {
      headers: { Origin: origin },
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('error', reject);
    });
  }

  /** Forgets what was received so far, so the next wait sees only new messages. */
  clear(): void {
    this.messages.length = 0;
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Waits for the first message (already received or future) that matches. */
  async next<T extends WireServerMessage>(match: (m: WireServerMessage) => m is T): Promise<T>;
  async next(match: (m: WireServerMessage) => boolean): Promise<WireServerMessage>;
  async next(match: (m: WireServerMessage) => boolean): Promise<WireServerMessage> {
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.closeCode !== null)
        throw new Error(`socket closed (${this.closeCode}) before the message came`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  reply(id: string | number | null) {
    return this.next((m) => m.type === 'reply' && m.id === id);
  }

  async call(id: string | number, channel: string, payload: unknown) {
    this.sendRaw(JSON.stringify({ type: 'call', id, channel, payload }));
    const reply = await this.reply(id);
    if (reply.type !== 'reply') throw new Error('unreachable');
    checkReply(channel, reply.result);
    return reply.result;
  }

  closed(): Promise<number> {
    return new Promise((resolve) => {
      if (this.closeCode !== null) resolve(this.closeCode);
      else this.ws.once('close', (code) => resolve(code));
    });
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

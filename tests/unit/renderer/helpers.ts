import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { bridgeTransport } from '../../../renderer/src/api/bridgeTransport';
import { ApiClient } from '../../../renderer/src/api/client';
import { socketTransport, type SocketLike } from '../../../renderer/src/api/socketTransport';
import { makeTempDir } from '../../helpers/tempDir';
import { checkEvent, checkReply } from '../../helpers/contractCheck';

const TOKEN = 'renderer-test-token-0123456789';

/** A real core on a real SQLite file in a temp dir. */
export function openCore(): { core: SpoolCore; close(): Promise<void> } {
  const dataDir = makeTempDir('spool-renderer-').dir;
  const core = SpoolCore.open({ dataDir, mode: 'test' });
  return {
    core,
    close: async () => {
      await core.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An ApiClient wired to the core the way the preload wires a window: one client, its own events. */
export function bridgeClient(core: SpoolCore): ApiClient {
  const listeners = new Set<(e: Parameters<Parameters<SpoolCore['connect']>[0]>[0]) => void>();
  const client = core.connect((event) => {
    checkEvent(event);
    listeners.forEach((l) => l(event));
  });
  return new ApiClient(
    bridgeTransport({
      call: async (channel, payload) => {
        const result = await client.callUntrusted(channel, payload);
        checkReply(channel, result);
        return result;
      },
      on: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
  );
}

/**
 * The real browser-mode host in this process, on a fixed port and token so it can
 * be stopped and started again where the client expects it.
 */
export class RestartableHost {
  private host: WebHost | null = null;
  private readonly staticDir = makeTempDir('spool-static-').dir;
  port = 0;

  constructor(readonly core: SpoolCore) {
    fs.writeFileSync(path.join(this.staticDir, 'index.html'), '<!doctype html>');
  }

  async start(): Promise<void> {
    this.host = await startWebHost({
      core: this.core,
      port: this.port,
      token: TOKEN,
      staticDir: this.staticDir,
    });
    this.port = this.host.port;
  }

  async stop(): Promise<void> {
    await this.host?.close();
    this.host = null;
  }

  /** A browser-mode ApiClient speaking to this host over a real WebSocket. */
  client(): ApiClient {
    const origin = `http://127.0.0.1:${this.port}`;
    return new ApiClient(
      socketTransport({
        url: `ws://127.0.0.1:${this.port}/api?token=${TOKEN}`,
        createSocket: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
        baseDelayMs: 20,
        maxDelayMs: 200,
      }),
    );
  }
}

/** Resolves once `read()` satisfies `ok`, checking after each change `subscribe` reports. */
export function until<T>(
  subscribe: (onChange: () => void) => () => void,
  read: () => T,
  ok: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    const check = () => {
      const value = read();
      if (!ok(value)) return false;
      unsubscribe();
      resolve(value);
      return true;
    };
    const unsubscribe = subscribe(() => void check());
    check();
  });
}

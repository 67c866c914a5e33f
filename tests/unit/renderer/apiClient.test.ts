import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ApiCallError, ApiClient, type ConnectionStatus } from '../../../renderer/src/api/client';
import { socketTransport, type SocketLike } from '../../../renderer/src/api/socketTransport';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { openCore, RestartableHost, until } from './helpers';

describe('the browser-mode API client, against the real host', () => {
  let opened: ReturnType<typeof openCore>;
  let host: RestartableHost;
  let client: ApiClient;

  beforeEach(async () => {
    opened = openCore();
    host = new RestartableHost(opened.core);
    await host.start();
    client = host.client();
  });

  afterEach(async () => {
    client.close();
    await host.stop();
    await opened.close();
  });

  const statusIs = (wanted: ConnectionStatus) =>
    until(
      (fn) => client.onConnection(fn),
      () => client.connection,
      (s) => s === wanted,
    );

  it('calls made before the socket opens wait for it and get their reply', async () => {
    expect(client.connection).toBe('connecting');
    const created = await client.call('conversations.create', { title: 'First' });
    expect(created.title).toBe('First');
    expect(client.connection).toBe('open');
  });

  it('a refused call throws an ApiCallError carrying the typed code', async () => {
    const error = await client.call('conversations.rename', { id: 'no-such-id', title: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', channel: 'conversations.rename' });
  });

  it('a payload that fails its schema comes back as BAD_REQUEST, not a hang', async () => {
    const error = await client.call('conversations.rename', { id: 'x', title: '   ' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('events the host pushes reach the handlers registered with on()', async () => {
    const seen: Conversation[] = [];
    client.on('conversations.delta', (delta) => {
      if (delta.type === 'upsert') seen.push(delta.conversation);
    });
    await client.call('conversations.create', { title: 'Announced' });
    // The host emits the change before it replies, and one socket keeps the order.
    expect(seen.map((c) => c.title)).toEqual(['Announced']);
  });

  it('when the host goes away it reports reconnecting and fails calls fast with UNAVAILABLE', async () => {
    await client.call('conversations.list', {});
    await host.stop();
    await statusIs('reconnecting');

    const error = await client.call('conversations.list', {}).catch((e) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('reconnects by itself when the host is back on the same address', async () => {
    await client.call('conversations.list', {});
    await host.stop();
    await statusIs('reconnecting');
    await host.start();
    await statusIs('open');

    const created = await client.call('conversations.create', { title: 'After the restart' });
    expect(created.title).toBe('After the restart');
  });
});

describe('the browser-mode API client, when the socket drops mid-call', () => {
  it('a call in flight is answered UNAVAILABLE instead of being sent again', async () => {
    // A server that accepts calls and never answers, then drops the socket: the
    // client cannot know whether the call was applied, so it must not repeat it.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    const received: string[] = [];
    server.on('connection', (ws) => {
      ws.on('message', (data) => {
        received.push(String(data));
        ws.terminate();
      });
    });
    const port = (server.address() as { port: number }).port;
    const client = new ApiClient(
      socketTransport({
        url: `ws://127.0.0.1:${port}/api`,
        createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
        baseDelayMs: 20,
      }),
    );

    const error = await client.call('conversations.create', { title: 'Once' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    await until(
      (fn) => client.onConnection(fn),
      () => client.connection,
      (s) => s === 'open',
    );
    expect(received).toHaveLength(1);

    client.close();
    await new Promise((resolve) => server.close(resolve));
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WS_CLOSE_TOO_SLOW } from '../../../shared/api/bridge';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { startTestHost, TestSocket, type TestHost } from './helpers';

let t: TestHost;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  t = await startTestHost({ limits: { maxFrameBytes: 64 * 1024 } });
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await t.stop();
});

async function connect(): Promise<TestSocket> {
  const socket = await TestSocket.open(t.host, t.origin);
  sockets.push(socket);
  return socket;
}

function expectBadRequest(result: unknown) {
  expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
}

describe('browser-mode WebSocket API', () => {
  it('creates a conversation and lists it back', async () => {
    const s = await connect();
    const created = await s.call(1, 'conversations.create', { title: 'Over the wire' });
    expect(created.ok).toBe(true);
    const listed = await s.call('two', 'conversations.list', {});
    expect(listed.ok).toBe(true);
    const titles = (listed as { data: Conversation[] }).data.map((c) => c.title);
    expect(titles).toContain('Over the wire');
  });

  it('pushes conversations.delta to every connected socket', async () => {
    const a = await connect();
    const b = await connect();
    await a.call(1, 'conversations.create', { title: 'Seen by both' });
    const event = await b.next(
      (m) =>
        m.type === 'event' &&
        m.name === 'conversations.delta' &&
        m.payload.type === 'upsert' &&
        m.payload.conversation.title === 'Seen by both',
    );
    expect(event.type).toBe('event');
  });

  it('answers a frame that is not JSON with BAD_REQUEST and id null, and stays usable', async () => {
    const s = await connect();
    s.sendRaw('{not json');
    const reply = await s.reply(null);
    expect(reply.type === 'reply' && reply.result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect((await s.call(2, 'conversations.list', {})).ok).toBe(true);
  });

  it('answers a frame without an id with BAD_REQUEST and id null', async () => {
    const s = await connect();
    s.sendRaw(JSON.stringify({ type: 'call', channel: 'conversations.list', payload: {} }));
    const reply = await s.reply(null);
    expectBadRequest(reply.type === 'reply' && reply.result);
  });

  it('answers a frame with a wrongly typed channel with BAD_REQUEST under its id', async () => {
    const s = await connect();
    s.sendRaw(JSON.stringify({ type: 'call', id: 'x', channel: 42, payload: {} }));
    const reply = await s.reply('x');
    expectBadRequest(reply.type === 'reply' && reply.result);
  });

  it('answers a binary frame with BAD_REQUEST', async () => {
    const s = await connect();
    s.sendRaw(Buffer.from(JSON.stringify({ type: 'call', id: 1, channel: 'conversations.list' })));
    const reply = await s.reply(null);
    expectBadRequest(reply.type === 'reply' && reply.result);
  });

  it('answers an oversized frame with BAD_REQUEST and stays usable', async () => {
    const s = await connect();
    s.sendRaw(
      JSON.stringify({
        type: 'call',
        id: 'big',
        channel: 'conversations.create',
        payload: { title: 'x'.repeat(100_000) },
      }),
    );
    const reply = await s.reply(null);
    expectBadRequest(reply.type === 'reply' && reply.result);
    expect((await s.call('after', 'conversations.list', {})).ok).toBe(true);
  });

  it('answers a payload that fails its schema with BAD_REQUEST under its id, and stays usable', async () => {
    const s = await connect();
    expectBadRequest(await s.call('bad', 'conversations.rename', { id: 42 }));
    expect((await s.call('good', 'conversations.list', {})).ok).toBe(true);
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL', async () => {
    const s = await connect();
    expect(await s.call(7, 'no.such.call', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('disconnects its core client when the socket closes', async () => {
    const s = await connect();
    await s.call(1, 'conversations.list', {});
    const before = t.core.connectedClients;
    s.close();
    await s.closed();
    await expect.poll(() => t.core.connectedClients).toBe(before - 1);
  });
});

describe('browser-mode WebSocket backpressure', () => {
  it('closes a socket that stops reading with WS_CLOSE_TOO_SLOW instead of buffering without bound', async () => {
    const small = await startTestHost({ limits: { maxBufferedBytes: 256 * 1024 } });
    try {
      for (let i = 0; i < 100; i++) small.core.conversations.create(`${i} `.padEnd(500, 'x'));
      const s = await TestSocket.open(small.host, small.origin);
      expect(small.core.connectedClients).toBe(1);
      // The client stops reading; each list reply is ~60 kB, far more in total than
      // the kernel's socket buffers hold, so the host's own backlog must grow.
      s.ws.pause();
      for (let i = 0; i < 400; i++)
        s.sendRaw(JSON.stringify({ type: 'call', id: i, channel: 'conversations.list' }));
      await expect.poll(() => small.core.connectedClients, { timeout: 20_000 }).toBe(0);
      s.ws.resume();
      expect(await s.closed()).toBe(WS_CLOSE_TOO_SLOW);
      expect(s.messages.length).toBeLessThan(400);
    } finally {
      await small.stop();
    }
  });
});

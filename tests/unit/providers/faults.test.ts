import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Chunk } from '../../../shared/chunks';
import { streamReply } from '../../../electron/core/providers/streamReply';
import type { RetryInfo } from '../../../electron/core/providers/streamReply';
import { bigText, SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { last, reply, replyOptions, textOf } from './helpers';

let fake: FakeProvider;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await fake.close();
});

const requestsFor = (model: string) => fake.requests.filter((r) => r.model === model);

function expectError(chunk: Chunk | undefined, code: string, words?: string) {
  expect(chunk).toMatchObject({ type: 'error', code });
  if (words) expect((chunk as { errorText: string }).errorText).toContain(words);
}

describe('a connection that fails mid-reply', () => {
  it('keeps the chunks received before a cut and ends with a connection_lost error in the network’s words', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:cut-after-5'));
    expect(textOf(chunks)).toBe('Hello! This is the Spool');
    expectError(last(chunks), 'connection_lost', 'other side closed');
    expect(requestsFor('script:cut-after-5')).toHaveLength(1);
  });

  it.each(['openai-compatible', 'anthropic'] as const)(
    'keeps every %s chunk received before a cut even when the consumer reads only after the cut',
    async (kind) => {
      const model = `script:cut-after-5?slow-reader=${kind}`;
      const chunks: Chunk[] = [];
      for await (const chunk of streamReply(replyOptions(fake.url, model, { kind }))) {
        chunks.push(chunk);
        // Storage is slow: by the time we read on, the provider has long hung up.
        if (chunks.length === 1)
          await vi.waitFor(() => expect(requestsFor(model)[0]?.closedAt).toBeDefined());
      }
      expect(textOf(chunks)).toBe('Hello! This is the Spool');
      expectError(last(chunks), 'connection_lost', 'other side closed');
    },
  );

  it('ends a stalled reply with an idle_timeout error, keeping what came before', async () => {
    const model = 'script:stall-after-3';
    const chunks = await reply(replyOptions(fake.url, model, { idleTimeoutMs: 1000 }));
    expect(textOf(chunks)).toBe('Hello! This is');
    expectError(last(chunks), 'idle_timeout');
    await vi.waitFor(() => expect(requestsFor(model)[0]?.clientAborted).toBe(true));
  });

  it('ends with a first_chunk_timeout error when the provider sends headers but no event', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:stall-after-0', { firstChunkTimeoutMs: 1000 }));
    expect(textOf(chunks)).toBe('');
    expectError(last(chunks), 'first_chunk_timeout');
  });

  it('ends with a first_chunk_timeout error when the provider never answers at all', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:hang', { firstChunkTimeoutMs: 1000 }));
    expectError(last(chunks), 'first_chunk_timeout');
  });
});

describe('retries before the first chunk', () => {
  it('waits at least Retry-After after a 429, then streams the reply', async () => {
    const model = 'script:http-429?times=1&retry-after=1';
    const retries: RetryInfo[] = [];
    const chunks = await reply(replyOptions(fake.url, model, { onRetry: (i) => retries.push(i) }));
    expect(last(chunks)).toMatchObject({ type: 'finish' });
    const [first, second] = requestsFor(model);
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000 - 5);
    expect(retries).toEqual([expect.objectContaining({ retry: 1, code: 'rate_limit', delayMs: 1000 })]);
  });

  it('retries 500 twice with backoff, then streams the reply once', async () => {
    const model = 'script:http-500?times=2';
    const chunks = await reply(replyOptions(fake.url, model));
    expect(textOf(chunks)).toContain('Hello!');
    expect(chunks.filter((c) => c.type === 'start')).toHaveLength(1);
    expect(requestsFor(model)).toHaveLength(3);
  });

  it('gives up on a 500 that never ends after the retry budget, in the body’s words', async () => {
    const model = 'script:http-500?message=The%20kitchen%20is%20on%20fire';
    const chunks = await reply(replyOptions(fake.url, model, { retry: { maxRetries: 2, baseDelayMs: 10 } }));
    expectError(last(chunks), 'server', 'The kitchen is on fire');
    expect(requestsFor(model)).toHaveLength(3);
  });

  it('does not retry an auth error', async () => {
    const model = 'script:http-401';
    const chunks = await reply(replyOptions(fake.url, model));
    expectError(last(chunks), 'auth');
    expect(requestsFor(model)).toHaveLength(1);
  });

  it('retries a connect error (nothing listening) and then reports it', async () => {
    const closed = await startFakeProvider();
    const url = closed.url;
    await closed.close();
    const retries: RetryInfo[] = [];
    const chunks = await reply(
      replyOptions(url, 'script:hello', {
        retry: { maxRetries: 1, baseDelayMs: 10 },
        onRetry: (i) => retries.push(i),
      }),
    );
    expectError(last(chunks), 'connect', 'ECONNREFUSED');
    expect(retries).toHaveLength(1);
  });

  it.each([
    ['rate limit', 'script:error-after-3?status=429', 'rate_limit'],
    ['server error', 'script:error-after-3?status=500', 'server'],
  ])('never retries a %s that arrives after the first chunk', async (_, model, code) => {
    for (const kind of ['openai-compatible', 'anthropic'] as const) {
      const before = requestsFor(model).length;
      const chunks = await reply(replyOptions(fake.url, model, { kind }));
      expect(textOf(chunks)).toBe('Hello! This is');
      expectError(last(chunks), code, 'scripted');
      expect(requestsFor(model).length - before).toBe(1);
    }
  });
});

describe('malformed streams', () => {
  it.each(['openai-compatible', 'anthropic'] as const)(
    'ends a %s stream with a missing event separator as a malformed error, keeping earlier text',
    async (kind) => {
      const chunks = await reply(
        replyOptions(fake.url, 'script:malformed-after-2', { kind, rawCapture: true }),
      );
      expect(textOf(chunks)).toBe('Hello! This');
      expectError(last(chunks), 'malformed', 'JSON');
      // What could not be parsed is still logged, as received.
      expect(chunks.some((c) => c.type === 'raw' && JSON.stringify(c.value).includes('glued'))).toBe(true);
    },
  );

  it.each(['openai-compatible', 'anthropic'] as const)(
    'ends a %s stream with invalid JSON as a malformed error, keeping earlier text',
    async (kind) => {
      const chunks = await reply(replyOptions(fake.url, 'script:invalid-json-after-4', { kind }));
      expect(textOf(chunks)).toBe('Hello! This is the');
      expectError(last(chunks), 'malformed', 'this is not json');
    },
  );
});

describe('text safety', () => {
  it.each(['openai-compatible', 'anthropic'] as const)(
    'joins a %s multi-byte character split across network reads without U+FFFD',
    async (kind) => {
      const reads: Uint8Array[] = [];
      const observingFetch: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        const body = response.body!.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              reads.push(chunk);
              controller.enqueue(chunk);
            },
          }),
        );
        return new Response(body, { status: response.status, headers: response.headers });
      };
      const chunks = await reply(
        replyOptions(fake.url, 'script:split-utf8', { kind, fetch: observingFetch }),
      );
      expect(textOf(chunks)).toBe(SPLIT_UTF8_TEXT);
      expect(JSON.stringify(chunks)).not.toContain('\uFFFD');
      // The split really crossed reads: some read, decoded alone, ends mid-character.
      expect(reads.some((r) => new TextDecoder().decode(r).includes('\uFFFD'))).toBe(true);
    },
  );

  it('delivers a 3 MiB single event as one delta of exactly that text', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:big'));
    const deltas = chunks.filter((c) => c.type === 'text-delta');
    expect(deltas).toHaveLength(1);
    expect(textOf(chunks) === bigText(3 * 1024 * 1024)).toBe(true);
    expect(last(chunks)).toMatchObject({ type: 'finish' });
  });
});

describe('Stop', () => {
  it.each(['openai-compatible', 'anthropic'] as const)(
    'aborts the %s request at once: an abort chunk next, and the server sees the socket close',
    async (kind) => {
      const model = `script:long?tps=20&stop=${kind}`;
      const controller = new AbortController();
      const chunks: Chunk[] = [];
      for await (const chunk of streamReply(
        replyOptions(fake.url, model, { kind, abortSignal: controller.signal }),
      )) {
        chunks.push(chunk);
        if (chunk.type === 'text-delta') controller.abort();
      }
      const firstDelta = chunks.findIndex((c) => c.type === 'text-delta');
      expect(chunks.slice(firstDelta + 1)).toEqual([{ type: 'abort', reason: 'stopped' }]);
      await vi.waitFor(() => expect(requestsFor(model)[0]?.clientAborted).toBe(true));
    },
  );

  it('stops during a retry wait without another request', async () => {
    const model = 'script:http-429?retry-after=30';
    const controller = new AbortController();
    const chunks = await reply(
      replyOptions(fake.url, model, { abortSignal: controller.signal, onRetry: () => controller.abort() }),
    );
    expect(last(chunks)).toEqual({ type: 'abort', reason: 'stopped' });
    expect(requestsFor(model)).toHaveLength(1);
  });

  it('closes the request when the consumer stops reading', async () => {
    const model = 'script:long?tps=20&walk-away=1';
    for await (const chunk of streamReply(replyOptions(fake.url, model))) {
      if (chunk.type === 'text-delta') break;
    }
    await vi.waitFor(() => expect(requestsFor(model)[0]?.clientAborted).toBe(true));
  });
});

describe('failure hygiene', () => {
  it('turns every failure above into chunks, never an unhandled rejection', async () => {
    const models = [
      'script:cut-after-1',
      'script:error-after-1',
      'script:invalid-json-after-1',
      'script:http-500',
    ];
    for (const model of models) {
      const chunks = await reply(replyOptions(fake.url, model, { retry: { maxRetries: 1, baseDelayMs: 5 } }));
      expect(last(chunks)?.type).toBe('error');
    }
    const stalled = await reply(replyOptions(fake.url, 'script:stall-after-1', { idleTimeoutMs: 100 }));
    expect(last(stalled)?.type).toBe('error');
    // Every connection has ended, so any late rejection has had its turn to surface.
    await vi.waitFor(() => expect(fake.requests.every((r) => r.closedAt !== undefined)).toBe(true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(rejections).toEqual([]);
  });
});

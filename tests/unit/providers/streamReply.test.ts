import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEXT } from '../../fake-provider/script';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { last, reasoningOf, reply, replyOptions, textOf, types } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

describe('streamReply on a healthy provider', () => {
  it('streams an OpenAI-dialect reply with its exact text and a stop finish', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:hello'));
    expect(textOf(chunks)).toBe(DEFAULT_TEXT);
    expect(types(chunks)).toEqual(['start', 'start-step', 'text-start', 'text-end', 'finish-step', 'finish']);
    expect(last(chunks)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: expect.any(Number) as number },
    });
  });

  it('streams an Anthropic-dialect reply with its exact text', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:hello', { kind: 'anthropic' }));
    expect(textOf(chunks)).toBe(DEFAULT_TEXT);
    expect(last(chunks)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: expect.any(Number) as number },
    });
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe('/v1/messages');
  });

  it('streams from Ollama through its OpenAI-compatible /v1 endpoint', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:echo', { kind: 'ollama' }));
    expect(textOf(chunks)).toBe('You said: hi');
    expect(fake.requests.at(-1)!.path).toBe('/v1/chat/completions');
  });

  it.each(['openai-compatible', 'anthropic'] as const)(
    'maps %s reasoning deltas to reasoning chunks',
    async (kind) => {
      const chunks = await reply(replyOptions(fake.url, 'script:reasoning', { kind }));
      expect(reasoningOf(chunks)).toBe('The user greeted me. I should answer briefly and kindly.');
      expect(textOf(chunks)).toBe('Hello there!');
      const t = types(chunks);
      expect(t.indexOf('reasoning-start')).toBeLessThan(t.indexOf('reasoning-end'));
      expect(t.indexOf('reasoning-end')).toBeLessThan(t.indexOf('text-start'));
    },
  );

  it.each(['openai-compatible', 'anthropic'] as const)(
    'maps %s tool-call deltas to tool-input chunks',
    async (kind) => {
      const chunks = await reply(replyOptions(fake.url, 'script:tool-call', { kind }));
      const start = chunks.find((c) => c.type === 'tool-input-start');
      expect(start).toEqual({ type: 'tool-input-start', toolCallId: 'call_fake_1', toolName: 'get_weather' });
      const input = chunks.map((c) => (c.type === 'tool-input-delta' ? c.inputTextDelta : '')).join('');
      expect(input).toBe('{"city":"Paris","unit":"celsius","days":3}');
      expect(chunks.find((c) => c.type === 'tool-input-available')).toEqual({
        type: 'tool-input-available',
        toolCallId: 'call_fake_1',
        toolName: 'get_weather',
        input: { city: 'Paris', unit: 'celsius', days: 3 },
      });
      // Spool offers the model no tools, so the SDK reports the call as failed, and we say so.
      expect(chunks.find((c) => c.type === 'tool-output-error')).toMatchObject({ toolCallId: 'call_fake_1' });
      expect(last(chunks)).toEqual({
        type: 'finish',
        finishReason: 'tool-calls',
        usage: { inputTokens: 10, outputTokens: expect.any(Number) as number },
      });
    },
  );

  it('yields every provider event as a raw chunk when raw capture is on', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:hello', { rawCapture: true }));
    const raws = chunks.filter((c) => c.type === 'raw');
    const deltas = chunks.filter((c) => c.type === 'text-delta');
    expect(raws.length).toBeGreaterThan(deltas.length);
    expect(raws[1]).toMatchObject({ value: { object: 'chat.completion.chunk' } });
    expect(textOf(chunks)).toBe(DEFAULT_TEXT);
  });

  it('yields no raw chunk when raw capture is off', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:hello', { rawCapture: false }));
    expect(chunks.some((c) => c.type === 'raw')).toBe(false);
  });

  it('keeps raw chunks in arrival order ahead of the text they carry', async () => {
    const chunks = await reply(replyOptions(fake.url, 'script:hello?text=one%20two', { rawCapture: true }));
    const firstRawWithText = chunks.findIndex(
      (c) => c.type === 'raw' && JSON.stringify(c.value).includes('"content":"one"'),
    );
    const firstDelta = chunks.findIndex((c) => c.type === 'text-delta');
    expect(firstRawWithText).toBeGreaterThanOrEqual(0);
    expect(firstRawWithText).toBeLessThan(firstDelta);
  });
});

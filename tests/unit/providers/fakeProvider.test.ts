import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEXT, parseScript, tokenize } from '../../fake-provider/script';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { reasoningOf, reply, replyOptions, textOf } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

describe('the fake provider', () => {
  it('splits text into tokens that join back to exactly the text', () => {
    for (const text of [DEFAULT_TEXT, '  leading and trailing  ', 'one', ''])
      expect(tokenize(text).join('')).toBe(text);
  });

  it('reads presets and options from the model name', () => {
    expect(parseScript('script:cut-after-7?tps=5')).toMatchObject({
      tps: 5,
      fault: { kind: 'cut', after: 7 },
    });
    expect(parseScript('script:http-429?times=2&retry-after=3')).toMatchObject({
      httpError: { status: 429, times: 2, retryAfter: '3' },
    });
    expect(parseScript('gpt-4o')).toBeUndefined();
    expect(() => parseScript('script:nonsense')).toThrow(/Unknown fake-provider script/);
  });

  it('streams the reasoning a model name gives, before its text', async () => {
    const model = `script:hello?reasoning=${encodeURIComponent('Show the code first.')}&text=Here.`;
    const chunks = await reply(replyOptions(fake.url, model));
    expect(reasoningOf(chunks)).toBe('Show the code first.');
    expect(textOf(chunks)).toBe('Here.');
  });

  it('answers an unknown script with a 400 in the provider’s dialect', async () => {
    const res = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'script:nonsense', stream: true, messages: [] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringContaining('nonsense') } });
  });

  it('records each request with its method, path, headers, body and model', async () => {
    await reply(replyOptions(fake.url, 'script:hello?text=ok'));
    const request = fake.requests.at(-1)!;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'script:hello?text=ok',
    });
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.body).toMatchObject({ stream: true });
  });

  it('lets another process choose the script for ordinary model names through POST /__script', async () => {
    const set = await fetch(`${fake.url}/__script`, {
      method: 'POST',
      body: JSON.stringify({ script: 'script:hello?text=scripted%20by%20control', model: 'gpt-4o' }),
    });
    expect(set.status).toBe(200);
    expect(textOf(await reply(replyOptions(fake.url, 'gpt-4o')))).toBe('scripted by control');
    expect(textOf(await reply(replyOptions(fake.url, 'other-model')))).toBe(DEFAULT_TEXT);
  });

  it('serves recorded requests over HTTP for tests in another process', async () => {
    const res = await fetch(`${fake.url}/__requests`);
    const requests = (await res.json()) as { path: string }[];
    expect(requests.length).toBe(fake.requests.length);
  });

  it('lists its scripts as models in OpenAI, Anthropic and Ollama form', async () => {
    const openai = (await (await fetch(`${fake.url}/v1/models`)).json()) as { object: string };
    const anthropic = (await (
      await fetch(`${fake.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })
    ).json()) as { data: { type: string }[] };
    const ollama = (await (await fetch(`${fake.url}/api/tags`)).json()) as { models: { name: string }[] };
    expect(openai.object).toBe('list');
    expect(anthropic.data[0]!.type).toBe('model');
    expect(ollama.models.map((m) => m.name)).toContain('script:hello');
  });
});

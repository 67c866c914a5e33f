/** The fake provider's whole (non-streaming) answers, as the AI SDK's generateText asks for them. */
import { generateText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../../../electron/core/providers/models';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { configFor, SECRET_KEY } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function ask(model: string, kind: 'openai-compatible' | 'anthropic' = 'openai-compatible') {
  return generateText({
    model: await createLanguageModel(configFor(fake.url, kind), SECRET_KEY, model),
    prompt: 'Name this conversation',
    maxRetries: 0,
  });
}

describe('the fake provider without stream: true', () => {
  for (const kind of ['openai-compatible', 'anthropic'] as const) {
    it(`answers an ${kind} request with the script's whole text in one JSON body`, async () => {
      const result = await ask('script:hello?text=Lisbon%20pastries', kind);
      expect(result.text).toBe('Lisbon pastries');
      expect(result.usage.outputTokens).toBe(2);
      expect(fake.requests.at(-1)!.body).not.toMatchObject({ stream: true });
    });
  }

  it('takes as long as streaming the text at the script’s rate would', async () => {
    const started = Date.now();
    await ask('script:hello?tps=20&text=one%20two%20three%20four');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('cuts the answer at the request’s max_tokens, as a real server does', async () => {
    const result = await generateText({
      model: await createLanguageModel(configFor(fake.url), SECRET_KEY, 'script:long?tokens=50'),
      prompt: 'Go on',
      maxOutputTokens: 3,
      maxRetries: 0,
    });
    expect(result.text.trim().split(/\s+/)).toHaveLength(3);
  });

  it('answers a model normally `after` times, then with the scripted HTTP error', async () => {
    const model = 'script:http-500?after=1&text=First%20answer&message=Scripted%20failure';
    expect((await ask(model)).text).toBe('First answer');
    await expect(ask(model)).rejects.toThrow(/Scripted failure/);
  });

  it('closes the connection for a cut script before answering', async () => {
    await expect(ask('script:cut-after-1')).rejects.toThrow();
    expect(fake.requests.at(-1)!.model).toBe('script:cut-after-1');
  });
});

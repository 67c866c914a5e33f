import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTINUE_INSTRUCTION, type ReplyMessage } from '../../../electron/core/providers/messages';
import { defaultContinueStyle } from '../../../electron/core/providers/models';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { configFor, reply, replyOptions, textOf } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

type Sent = { role: string; content: unknown; tool_calls?: unknown; tool_call_id?: string };
const sentMessages = () => (fake.requests.at(-1)!.body as { messages: Sent[] }).messages;
const plain = (m: Sent) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content));

describe('messages sent to the provider', () => {
  it('sends system, user and assistant text, finished tool calls with their results, and no reasoning', async () => {
    const history: ReplyMessage[] = [
      { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', text: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'step-start' },
          { type: 'reasoning', text: 'secret thoughts' },
          { type: 'text', text: 'Checking.' },
          {
            type: 'dynamic-tool',
            toolName: 'get_weather',
            toolCallId: 'c1',
            state: 'output-available',
            input: { city: 'Paris' },
            output: { temp: 21 },
          },
          { type: 'dynamic-tool', toolName: 'half', toolCallId: 'c2', state: 'input-streaming' },
        ],
      },
      { role: 'user', parts: [{ type: 'text', text: 'Thanks!' }] },
    ];
    await reply(replyOptions(fake.url, 'script:hello', { messages: history }));
    const sent = sentMessages();
    expect(sent.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'user']);
    expect(sent[2]).toMatchObject({ content: 'Checking.', tool_calls: [{ id: 'c1' }] });
    expect(sent[3]).toMatchObject({ tool_call_id: 'c1' });
    expect(JSON.stringify(sent)).not.toContain('secret thoughts');
    expect(JSON.stringify(sent)).not.toContain('"half"');
  });
});

describe('Continue', () => {
  it('sends the partial reply to Anthropic as a prefill with trailing whitespace trimmed, and does not double it', async () => {
    const chunks = await reply(
      replyOptions(fake.url, 'script:hello?text=%20world%20again.', {
        kind: 'anthropic',
        continueFrom: 'Hello ',
      }),
    );
    const sent = sentMessages();
    expect(sent.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] });
    expect('Hello ' + textOf(chunks)).toBe('Hello world again.');
  });

  it('sends the partial reply to a local OpenAI-compatible server as a trailing assistant message', async () => {
    const chunks = await reply(
      replyOptions(fake.url, 'script:hello?text=%20world.', { continueFrom: 'Hello' }),
    );
    expect(sentMessages().at(-1)).toEqual({ role: 'assistant', content: 'Hello' });
    expect('Hello' + textOf(chunks)).toBe('Hello world.');
  });

  it('adds a continue instruction after the partial reply where the provider does not continue prefixes', async () => {
    const options = replyOptions(fake.url, 'script:hello', { continueFrom: 'Hello' });
    options.config = { ...options.config, continueStyle: 'instruction' };
    await reply(options);
    const sent = sentMessages();
    expect(sent.slice(-2).map(plain)).toEqual(['Hello', CONTINUE_INSTRUCTION]);
    expect(sent.at(-1)!.role).toBe('user');
  });

  it('defaults to an instruction for OpenAI’s own API and to a prefix elsewhere', () => {
    const base = configFor('http://127.0.0.1:1');
    expect(defaultContinueStyle({ ...base, baseUrl: 'https://api.openai.com/v1' })).toBe('instruction');
    expect(defaultContinueStyle(base)).toBe('prefix');
    expect(defaultContinueStyle(configFor('http://127.0.0.1:1', 'anthropic'))).toBe('prefix');
    expect(defaultContinueStyle(configFor('http://127.0.0.1:1', 'ollama'))).toBe('prefix');
  });
});

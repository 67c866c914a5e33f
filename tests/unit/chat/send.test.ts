import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { Message } from '../../../shared/api/schemas/messages';
import { DEFAULT_TEXT } from '../../fake-provider/script';
import type { FakeProvider } from '../../fake-provider/server';
import { addProvider, SECRET_KEY, settled, textOf, useChatFixture, type TestCore } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ provider: false });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
beforeEach(() => void ({ fake, t, conversationId } = chat));

const requestsFor = (model: string) => fake.requests.filter((r) => r.model === model);

describe('chat.send', () => {
  it('streams the reply to completion with the exact text and a complete message', async () => {
    await addProvider(t, fake.url);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
    expect(sent.userMessage).toMatchObject({ role: 'user', status: 'complete' });
    expect(sent.reply.message).toMatchObject({ role: 'assistant', status: 'streaming' });
    expect(sent.reply.streamId).toBe(sent.reply.message.streamId);
    const done = await settled(t.core, sent.reply.message.id);
    expect(done.status).toBe('complete');
    expect(textOf(done)).toBe(DEFAULT_TEXT);
    expect(done.error).toBeNull();
  });

  it('stores request metadata on the stream row without the API key', async () => {
    const providerId = await addProvider(t, fake.url, { defaultModel: 'script:hello?tokens=3' });
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
    await settled(t.core, sent.reply.message.id);
    const row = libraryDb(t.core)
      .prepare<[string], { provider: string; model: string; request: string }>(
        'SELECT provider, model, request FROM streams WHERE id = ?',
      )
      .get(sent.reply.streamId)!;
    expect(row).toMatchObject({ provider: providerId, model: 'script:hello?tokens=3' });
    expect(JSON.parse(row.request)).toMatchObject({
      provider: 'openai-compatible',
      providerId,
      model: 'script:hello?tokens=3',
      baseUrl: `${fake.url}/v1`,
      options: { messageCount: 1, continue: false, rawCapture: true },
    });
    expect(row.request).not.toContain(SECRET_KEY);
  });

  it('answers a retried send with the first result: one user message, one reply, one request', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:hello?tokens=4&text=idempotent' });
    const request = { conversationId, text: 'once', clientRequestId: 'req-0001-idempotent' };
    const [a, b] = await Promise.all([
      t.ok<SentMessage>('chat.send', request),
      t.ok<SentMessage>('chat.send', request),
    ]);
    await settled(t.core, a.reply.message.id);
    const c = await t.ok<SentMessage>('chat.send', request);
    for (const again of [b, c]) {
      expect(again.userMessage.id).toBe(a.userMessage.id);
      expect(again.reply.message.id).toBe(a.reply.message.id);
      expect(again.reply.streamId).toBe(a.reply.streamId);
    }
    const messages = await t.ok<Message[]>('messages.list', { conversationId });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(requestsFor('script:hello?tokens=4&text=idempotent')).toHaveLength(1);
  });

  it('sends the conversation so far, using the stored parts of earlier replies', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:echo' });
    const first = await t.ok<SentMessage>('chat.send', { conversationId, text: 'first question' });
    const firstReply = await settled(t.core, first.reply.message.id);
    const second = await t.ok<SentMessage>('chat.send', { conversationId, text: 'second question' });
    await settled(t.core, second.reply.message.id);
    const body = requestsFor('script:echo').at(-1)!.body as {
      messages: { role: string; content: unknown }[];
    };
    expect(body.messages.map((m) => [m.role, flatText(m.content)])).toEqual([
      ['user', 'first question'],
      ['assistant', textOf(firstReply)],
      ['user', 'second question'],
    ]);
  });

  it('refuses with CONFLICT when no provider is set up, writing nothing', async () => {
    const result = await t.call('chat.send', { conversationId, text: 'hello?' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toMatch(/Add one in Settings/);
    expect(await t.ok<Message[]>('messages.list', { conversationId })).toEqual([]);
  });

  it('uses a provider and model named in the request and keeps them for the conversation', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:hello' });
    const other = await addProvider(t, fake.url, { defaultModel: 'script:hello' });
    const sent = await t.ok<SentMessage>('chat.send', {
      conversationId,
      text: 'hi',
      providerId: other,
      model: 'script:hello?text=chosen',
    });
    expect(textOf(await settled(t.core, sent.reply.message.id))).toBe('chosen');
    const conversation = (await t.ok<Conversation[]>('conversations.list', {})).find(
      (c) => c.id === conversationId,
    );
    expect(conversation).toMatchObject({ provider: other, model: 'script:hello?text=chosen' });
  });

  it('answers NOT_FOUND for a provider id that does not exist, writing nothing', async () => {
    await addProvider(t, fake.url);
    const result = await t.call('chat.send', { conversationId, text: 'hi', providerId: 'no-such-provider' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.ok<Message[]>('messages.list', { conversationId })).toEqual([]);
  });

  it('reads raw capture and the timeouts from the settings at each send', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:hello?tokens=3' });
    const rawCount = (streamId: string) =>
      libraryDb(t.core)
        .prepare("SELECT COUNT(*) FROM chunks WHERE stream_id = ? AND type = 'raw'")
        .pluck()
        .get(streamId);
    const withRaw = await t.ok<SentMessage>('chat.send', { conversationId, text: 'a' });
    await settled(t.core, withRaw.reply.message.id);
    await t.ok('settings.set', {
      patch: { rawCapture: false, firstChunkTimeoutMs: 5000, idleTimeoutMs: 4000 },
    });
    const withoutRaw = await t.ok<SentMessage>('chat.send', { conversationId, text: 'b' });
    await settled(t.core, withoutRaw.reply.message.id);
    expect(rawCount(withRaw.reply.streamId)).toBeGreaterThan(0);
    expect(rawCount(withoutRaw.reply.streamId)).toBe(0);
    const request = libraryDb(t.core)
      .prepare('SELECT request FROM streams WHERE id = ?')
      .pluck()
      .get(withoutRaw.reply.streamId);
    expect(JSON.parse(request as string).options).toMatchObject({
      rawCapture: false,
      firstChunkTimeoutMs: 5000,
      idleTimeoutMs: 4000,
    });
  });
});

describe('conversations.setModel', () => {
  it('sets the provider and model the next send uses', async () => {
    const providerId = await addProvider(t, fake.url);
    const conversation = await t.ok<Conversation>('conversations.setModel', {
      id: conversationId,
      providerId,
      model: 'script:hello?text=picked',
    });
    expect(conversation).toMatchObject({ provider: providerId, model: 'script:hello?text=picked' });
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
    expect(textOf(await settled(t.core, sent.reply.message.id))).toBe('picked');
  });

  it('answers NOT_FOUND for an unknown provider or conversation', async () => {
    const providerId = await addProvider(t, fake.url);
    expect(
      await t.call('conversations.setModel', { id: conversationId, providerId: 'nope', model: 'm' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.call('conversations.setModel', { id: 'nope', providerId, model: 'm' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

function flatText(content: unknown): string {
  if (typeof content === 'string') return content;
  return (content as { text?: string }[]).map((p) => p.text ?? '').join('');
}

import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { Message } from '../../../shared/api/schemas/messages';
import { sentRequest } from '../../../electron/core/library/sentRequest';
import type { FakeProvider } from '../../fake-provider/server';
import { addProvider, settled, useChatFixture, type TestCore } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ provider: false });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
beforeEach(() => void ({ fake, t, conversationId } = chat));

const lastBody = () => fake.requests.at(-1)!.body as Record<string, unknown>;
const requestOptions = (streamId: string) =>
  (
    JSON.parse(
      libraryDb(t.core).prepare('SELECT request FROM streams WHERE id = ?').pluck().get(streamId) as string,
    ) as {
      options: Record<string, unknown>;
    }
  ).options;

async function sendAndSettle(text = 'hi'): Promise<SentMessage> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text });
  await settled(t.core, sent.reply.message.id);
  return sent;
}

const ALL = { temperature: 0.3, topP: 0.9, maxOutputTokens: 256, reasoningEffort: 'high' } as const;

describe('reply parameters', () => {
  it('sends temperature, top_p, max_tokens and reasoning_effort in the OpenAI dialect', async () => {
    await addProvider(t, fake.url);
    await t.ok<Conversation>('conversations.setParams', { id: conversationId, params: ALL });
    await sendAndSettle();
    expect(lastBody()).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 256,
      reasoning_effort: 'high',
    });
  });

  it('sends temperature, top_p, max_tokens and output_config.effort in the Anthropic dialect', async () => {
    await addProvider(t, fake.url, { kind: 'anthropic' });
    await t.ok('conversations.setParams', { id: conversationId, params: ALL });
    await sendAndSettle();
    expect(lastBody()).toMatchObject({
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 256,
      output_config: { effort: 'high' },
    });
  });

  it('records the parameters sent with each reply, and the next reply sends the new ones', async () => {
    await addProvider(t, fake.url);
    await t.ok('conversations.setParams', { id: conversationId, params: ALL });
    const first = await sendAndSettle();
    await t.ok('conversations.setParams', { id: conversationId, params: { temperature: 1.5 } });
    const second = await sendAndSettle();
    expect(requestOptions(first.reply.streamId)).toMatchObject(ALL);
    const after = requestOptions(second.reply.streamId);
    expect(after).toMatchObject({ temperature: 1.5 });
    expect(after).not.toHaveProperty('topP');
    expect(after).not.toHaveProperty('reasoningEffort');
    expect(lastBody()).not.toHaveProperty('top_p');
  });

  it('sends none of them when the conversation sets none', async () => {
    await addProvider(t, fake.url);
    await sendAndSettle();
    const body = lastBody();
    for (const key of ['temperature', 'top_p', 'max_tokens', 'reasoning_effort'])
      expect(body).not.toHaveProperty(key);
  });

  it('uses the conversation’s parameters on Regenerate too', async () => {
    await addProvider(t, fake.url);
    const sent = await sendAndSettle();
    await t.ok('conversations.setParams', { id: conversationId, params: { temperature: 0 } });
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: sent.reply.message.id });
    await settled(t.core, again.message.id);
    expect(lastBody()).toMatchObject({ temperature: 0 });
  });

  it.each([
    [{ temperature: 2.5 }, /temperature is at most 2/],
    [{ temperature: -0.1 }, /temperature is at least 0/],
    [{ topP: 1.2 }, /top-p is at most 1/],
    [{ maxOutputTokens: 0 }, /max output tokens is at least 1/],
    [{ maxOutputTokens: 12.5 }, /whole number/],
    [{ reasoningEffort: 'extreme' }, /reasoningEffort/],
    [{ seed: 3 }, /seed/],
  ])('refuses %j with BAD_REQUEST and keeps the parameters there', async (params, words) => {
    await t.ok('conversations.setParams', { id: conversationId, params: { temperature: 0.7 } });
    const result = await t.call('conversations.setParams', { id: conversationId, params });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!result.ok && result.error.message).toMatch(words);
    const list = await t.ok<Conversation[]>('conversations.list', {});
    expect(list.find((c) => c.id === conversationId)?.params).toEqual({ temperature: 0.7 });
  });

  it('refuses to send a temperature above 1 to Anthropic, writing nothing', async () => {
    await addProvider(t, fake.url, { kind: 'anthropic' });
    await t.ok('conversations.setParams', { id: conversationId, params: { temperature: 1.5 } });
    const before = fake.requests.length;
    const result = await t.call('chat.send', { conversationId, text: 'hi' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!result.ok && result.error.message).toMatch(/temperature from 0 to 1; this conversation's is 1.5/);
    expect(await t.ok<Message[]>('messages.list', { conversationId })).toEqual([]);
    expect(fake.requests).toHaveLength(before);
  });
});

describe('streams.inspect: what was sent', () => {
  it('gives each stream the system prompt and the parameters its request sent', async () => {
    await addProvider(t, fake.url);
    await t.ok('conversations.setSystemPrompt', { id: conversationId, systemPrompt: 'Short.' });
    await t.ok('conversations.setParams', { id: conversationId, params: { topP: 0.5 } });
    const sent = await sendAndSettle();
    const inspected = await t.ok<{ streams: { sent: unknown }[] }>('streams.inspect', {
      messageId: sent.reply.message.id,
    });
    expect(inspected.streams.map((s) => s.sent)).toEqual([{ system: 'Short.', params: { topP: 0.5 } }]);
  });

  it('says nothing was sent for a stream recorded before these were', () => {
    expect(sentRequest(JSON.stringify({ model: 'm', options: { messageCount: 1 } }))).toEqual({
      system: null,
      params: {},
    });
    expect(sentRequest('not json')).toEqual({ system: null, params: {} });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { FakeProvider } from '../../fake-provider/server';
import { addProvider, settled, useChatFixture, type TestCore } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ provider: false });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
beforeEach(() => void ({ fake, t, conversationId } = chat));

type Body = { system?: unknown; messages: { role: string; content: unknown }[] };
const lastBody = () => fake.requests.at(-1)!.body as Body;
const flat = (content: unknown): string =>
  typeof content === 'string' ? content : (content as { text?: string }[]).map((p) => p.text ?? '').join('');
/** OpenAI dialect: the system prompt is the first message. */
const openAiSystem = (body: Body) =>
  body.messages.filter((m) => m.role === 'system').map((m) => flat(m.content));
const requestOf = (streamId: string) =>
  JSON.parse(
    libraryDb(t.core).prepare('SELECT request FROM streams WHERE id = ?').pluck().get(streamId) as string,
  ) as {
    system?: string;
  };

async function sendAndSettle(text: string): Promise<SentMessage> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text });
  await settled(t.core, sent.reply.message.id);
  return sent;
}

describe('system prompt', () => {
  it('sends the conversation’s system prompt first in the OpenAI dialect and records it with the reply', async () => {
    await addProvider(t, fake.url);
    await t.ok<Conversation>('conversations.setSystemPrompt', {
      id: conversationId,
      systemPrompt: 'Be brief.',
    });
    const sent = await sendAndSettle('hi');
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(requestOf(sent.reply.streamId).system).toBe('Be brief.');
  });

  it('sends it as the top-level system field in the Anthropic dialect', async () => {
    await addProvider(t, fake.url, { kind: 'anthropic' });
    await t.ok('conversations.setSystemPrompt', { id: conversationId, systemPrompt: 'Answer in French.' });
    await sendAndSettle('hi');
    const body = lastBody();
    expect(flat(body.system)).toBe('Answer in French.');
    expect(body.messages.map((m) => m.role)).toEqual(['user']);
  });

  it('uses the default from Settings when the conversation has none of its own', async () => {
    await addProvider(t, fake.url);
    await t.ok('settings.set', { patch: { defaultSystemPrompt: 'You are Spool.' } });
    await sendAndSettle('hi');
    expect(openAiSystem(lastBody())).toEqual(['You are Spool.']);
  });

  it('sends none when the conversation chose an empty one over the default', async () => {
    await addProvider(t, fake.url);
    await t.ok('settings.set', { patch: { defaultSystemPrompt: 'You are Spool.' } });
    await t.ok('conversations.setSystemPrompt', { id: conversationId, systemPrompt: '' });
    const sent = await sendAndSettle('hi');
    expect(openAiSystem(lastBody())).toEqual([]);
    expect(requestOf(sent.reply.streamId).system).toBeUndefined();
  });

  it('follows the default again after the conversation’s own prompt is set back to null', async () => {
    await addProvider(t, fake.url);
    await t.ok('settings.set', { patch: { defaultSystemPrompt: 'Default.' } });
    await t.ok('conversations.setSystemPrompt', { id: conversationId, systemPrompt: 'Own.' });
    const back = await t.ok<Conversation>('conversations.setSystemPrompt', {
      id: conversationId,
      systemPrompt: null,
    });
    expect(back.systemPrompt).toBeNull();
    await sendAndSettle('hi');
    expect(openAiSystem(lastBody())).toEqual(['Default.']);
  });

  it('is sent with Regenerate, Edit & resend and Continue too', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:cut-after-2' });
    await t.ok('conversations.setSystemPrompt', { id: conversationId, systemPrompt: 'Rules.' });
    const before = fake.requests.length;
    const sent = await sendAndSettle('hi');
    await settled(
      t.core,
      (await t.ok<StartedReply>('chat.continue', { messageId: sent.reply.message.id })).message.id,
    );
    expect(openAiSystem(lastBody())).toEqual(['Rules.']);
    await settled(
      t.core,
      (await t.ok<StartedReply>('chat.regenerate', { messageId: sent.reply.message.id })).message.id,
    );
    expect(openAiSystem(lastBody())).toEqual(['Rules.']);
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: 'hello',
    });
    await settled(t.core, edited.reply.message.id);
    expect(openAiSystem(lastBody())).toEqual(['Rules.']);
    expect(fake.requests).toHaveLength(before + 4);
  });

  it('refuses a system prompt over the limit with BAD_REQUEST, keeping the one there', async () => {
    await t.ok('conversations.setSystemPrompt', { id: conversationId, systemPrompt: 'Keep me.' });
    const result = await t.call('conversations.setSystemPrompt', {
      id: conversationId,
      systemPrompt: 'x'.repeat(100_001),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!result.ok && result.error.message).toMatch(/at most 100000 characters/);
    const list = await t.ok<Conversation[]>('conversations.list', {});
    expect(list.find((c) => c.id === conversationId)?.systemPrompt).toBe('Keep me.');
  });

  it('answers NOT_FOUND for a conversation that does not exist', async () => {
    const result = await t.call('conversations.setSystemPrompt', { id: 'nope', systemPrompt: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Message } from '../../../shared/api/schemas/messages';
import type { FakeProvider } from '../../fake-provider/server';
import { addProvider, openCore, settled, useChatFixture, type TestCore } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ provider: false });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
beforeEach(() => void ({ fake, t, conversationId } = chat));

async function sendAndSettle(text = 'hi'): Promise<Message> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text });
  return settled(t.core, sent.reply.message.id);
}

const finishChunk = (streamId: string) =>
  JSON.parse(
    libraryDb(t.core)
      .prepare("SELECT payload FROM chunks WHERE stream_id = ? AND type = 'finish'")
      .pluck()
      .get(streamId) as string,
  ) as { usage?: unknown };

describe('usage', () => {
  it('records the OpenAI dialect’s token counts in the finish chunk and on the reply', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:hello?tokens=3' });
    const reply = await sendAndSettle();
    expect(finishChunk(reply.streamId!).usage).toEqual({ inputTokens: 10, outputTokens: 3 });
    expect(reply.usage).toEqual({ inputTokens: 10, outputTokens: 3 });
  });

  it('records the Anthropic dialect’s token counts', async () => {
    await addProvider(t, fake.url, { kind: 'anthropic', defaultModel: 'script:hello?tokens=4' });
    const reply = await sendAndSettle();
    expect(reply.usage).toMatchObject({ inputTokens: 10, outputTokens: 4 });
  });

  it('tells windows the usage when the reply ends (message.updated)', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:hello?tokens=2' });
    const reply = await sendAndSettle();
    const updates = t.recorded.events.filter(
      (e) => e.name === 'message.updated' && (e.payload as { message: Message }).message.id === reply.id,
    );
    expect((updates.at(-1)!.payload as { message: Message }).message.usage).toEqual({
      inputTokens: 10,
      outputTokens: 2,
    });
  });

  it('counts what the streams of a continued reply reported (a cut one reports none)', async () => {
    fake.setScript('script:cut-after-2', 'usage-continued');
    await addProvider(t, fake.url, { defaultModel: 'usage-continued' });
    const cut = await sendAndSettle();
    expect(cut.usage).toBeNull();
    fake.setScript('script:hello?tokens=3', 'usage-continued');
    const continued = await t.ok<StartedReply>('chat.continue', { messageId: cut.id });
    const done = await settled(t.core, continued.message.id);
    expect(done.usage).toEqual({ inputTokens: 10, outputTokens: 3 });
  });

  it('is still there after the library is reopened', async () => {
    await addProvider(t, fake.url, { defaultModel: 'script:hello?tokens=3' });
    const reply = await sendAndSettle();
    await t.core.close();
    chat.t = t = openCore(chat.dataDir);
    const listed = await t.ok<Message[]>('messages.list', { conversationId });
    expect(listed.find((m) => m.id === reply.id)?.usage).toEqual({ inputTokens: 10, outputTokens: 3 });
    expect(listed.find((m) => m.role === 'user')?.usage).toBeNull();
  });
});

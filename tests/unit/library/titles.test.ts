import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled, waitFor } from '../chat/helpers';
import { openLibrary, type LibraryTest } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(async () => {
  await t.cleanup();
  expect(t.recorded.internalErrors).toEqual([]);
});

const askingProvider: Partial<SpoolCoreOptions> = { library: { askProviderForTitles: true } };
const isTitleRequest = (body: unknown) =>
  JSON.stringify(body).includes('Write a title for this conversation');
const titleRequests = (model: string) =>
  fake.requests.filter((r) => r.model === model && isTitleRequest(r.body));

/** A default-titled chat, one message sent with `model`, waited until its reply settled. */
async function firstExchange(model: string, question: string, title?: string) {
  await addProvider(t, fake.url, { defaultModel: model });
  const { id } = await t.ok<{ id: string }>('conversations.create', title === undefined ? {} : { title });
  const sent = await t.ok<SentMessage>('chat.send', { conversationId: id, text: question });
  await settled(t.core, sent.reply.message.id);
  return { conversationId: id, sent };
}

const titleOf = (id: string) => t.core.conversations.get(id).title;
const titled = (id: string) => waitFor(() => titleOf(id) !== 'New chat' && titleOf(id), 'a title');

describe('titles after the first exchange', () => {
  it('come from the same provider and model, asked once the first reply completes', async () => {
    t = openLibrary(askingProvider);
    const model = 'script:hello?text=Pastries%20of%20Lisbon';
    const { conversationId } = await firstExchange(model, 'Where do I find good pastel de nata?');
    expect(await titled(conversationId)).toBe('Pastries of Lisbon');
    expect(titleRequests(model)).toHaveLength(1);
  });

  it('fall back to the first message when the answer is not a title', async () => {
    t = openLibrary(askingProvider);
    const model = 'script:long?tokens=60';
    const { conversationId } = await firstExchange(model, 'Tell me about the history of tea\nin detail');
    expect(await titled(conversationId)).toBe('Tell me about the history of tea');
    expect(titleRequests(model)).toHaveLength(1);
  });

  it('fall back to the first message when the title request fails, and the chat is unaffected', async () => {
    const failTitles: typeof fetch = async (input, init) =>
      isTitleRequest(String(init?.body ?? ''))
        ? Promise.reject(new TypeError('fetch failed'))
        : fetch(input, init);
    t = openLibrary({
      ...askingProvider,
      chat: { fetch: failTitles, retry: { baseDelayMs: 10, maxDelayMs: 50 } },
    });
    const { conversationId, sent } = await firstExchange('script:hello', 'Best hikes near Sintra?');
    expect(await titled(conversationId)).toBe('Best hikes near Sintra');
    expect(t.core.messages.get(sent.reply.message.id).status).toBe('complete');
  });

  it('are made from the first message alone when asking the provider is off', async () => {
    t = openLibrary({ library: { askProviderForTitles: false } });
    const model = 'script:hello?text=unused';
    const { conversationId } = await firstExchange(model, 'Sourdough starter help');
    expect(await titled(conversationId)).toBe('Sourdough starter help');
    expect(titleRequests(model)).toHaveLength(0);
  });

  it('never replace a title the user gave at creation', async () => {
    t = openLibrary(askingProvider);
    const model = 'script:hello?text=Generated%20title%20one';
    const { conversationId, sent } = await firstExchange(model, 'question', 'My own title');
    await settled(t.core, sent.reply.message.id);
    expect(titleOf(conversationId)).toBe('My own title');
    expect(titleRequests(model)).toHaveLength(0);
  });

  it('never replace a title the user typed while the first reply was streaming', async () => {
    t = openLibrary(askingProvider);
    const model = 'script:hello?tps=40&text=Generated%20title%20two';
    await addProvider(t, fake.url, { defaultModel: model });
    const { id } = await t.ok<{ id: string }>('conversations.create', {});
    const sent = await t.ok<SentMessage>('chat.send', { conversationId: id, text: 'question' });
    await t.ok('conversations.rename', { id, title: 'Renamed mid-reply' });
    await settled(t.core, sent.reply.message.id);
    expect(titleOf(id)).toBe('Renamed mid-reply');
    expect(titleRequests(model)).toHaveLength(0);
  });

  it('are generated once: later replies leave the title alone', async () => {
    t = openLibrary(askingProvider);
    const model = 'script:hello?text=First%20topic';
    const { conversationId } = await firstExchange(model, 'first question');
    expect(await titled(conversationId)).toBe('First topic');
    const again = await t.ok<SentMessage>('chat.send', { conversationId, text: 'second question' });
    await settled(t.core, again.reply.message.id);
    expect(titleOf(conversationId)).toBe('First topic');
    expect(titleRequests(model)).toHaveLength(1);
  });

  it('tell every window through conversations.delta', async () => {
    t = openLibrary(askingProvider);
    const { conversationId } = await firstExchange('script:hello?text=Announced%20title', 'q');
    await titled(conversationId);
    const deltas = t.recorded.events.filter((e) => e.name === 'conversations.delta');
    expect(deltas.at(-1)!.payload).toMatchObject({
      type: 'upsert',
      conversation: { id: conversationId, title: 'Announced title' },
    });
  });
});

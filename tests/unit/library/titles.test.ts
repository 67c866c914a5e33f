import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, attachFile, settled } from '../chat/helpers';
import { openLibrary, type LibraryTest } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { PNG_1X1 } from '../../helpers/attachmentFiles';

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

  it('reach the provider as one whole generateText request with the exchange in it', async () => {
    t = openLibrary(askingProvider);
    const model = 'script:hello?text=Tiles%20of%20Porto';
    const { conversationId } = await firstExchange(model, 'Where are the best azulejos?');
    expect(await titled(conversationId)).toBe('Tiles of Porto');
    const [request] = titleRequests(model);
    expect(request!.body).not.toMatchObject({ stream: true });
    expect(JSON.stringify(request!.body)).toContain('Where are the best azulejos?');
  });

  it('fall back to the first message when the provider fails the title request, and the chat is unaffected', async () => {
    t = openLibrary(askingProvider);
    // The first request of this model (the reply) is answered, the second (the title) gets a 500.
    const model = 'script:http-500?after=1&text=Sintra%20has%20many%20trails';
    const { conversationId, sent } = await firstExchange(model, 'Best hikes near Sintra?');
    expect(await titled(conversationId)).toBe('Best hikes near Sintra');
    expect(titleRequests(model)).toHaveLength(1);
    expect(t.core.messages.get(sent.reply.message.id).status).toBe('complete');
  });

  it('never replace a rename made while the title request is in flight', async () => {
    t = openLibrary(askingProvider);
    // Four words at 4 per second: the title takes a second to come back.
    const model = 'script:hello?tps=4&text=A%20generated%20title%20here';
    const { conversationId } = await firstExchange(model, 'question');
    await waitFor(() => titleRequests(model).length === 1, 'the title request');
    await t.ok('conversations.rename', { id: conversationId, title: 'Renamed while it thought' });
    await waitFor(() => titleRequests(model)[0]!.closedAt, 'the title answer');
    await t.core.titles.idle();
    expect(titleOf(conversationId)).toBe('Renamed while it thought');
  });

  it('are made from the first message alone when the setting is off', async () => {
    t = openLibrary(askingProvider);
    await t.ok('settings.set', { patch: { generateTitles: false } });
    const model = 'script:hello?text=unused';
    const { conversationId } = await firstExchange(model, 'Knitting a scarf');
    expect(await titled(conversationId)).toBe('Knitting a scarf');
    expect(titleRequests(model)).toHaveLength(0);
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

  it('come from the first reply that completes when the first one failed and was regenerated', async () => {
    t = openLibrary(askingProvider);
    const failing = 'script:http-401?message=Bad%20key';
    const { conversationId, sent } = await firstExchange(failing, 'Which bread for fondue?');
    expect(t.core.messages.get(sent.reply.message.id).status).toBe('error');
    expect(titleOf(conversationId)).toBe('New chat');
    const model = 'script:hello?text=Bread%20for%20fondue';
    const again = await t.ok<{ message: { id: string } }>('chat.regenerate', {
      messageId: sent.reply.message.id,
      model,
    });
    await settled(t.core, again.message.id);
    expect(await titled(conversationId)).toBe('Bread for fondue');
  });

  it('take the question of the reply’s own branch, not an earlier version of it', async () => {
    t = openLibrary(askingProvider);
    await t.ok('settings.set', { patch: { generateTitles: false } });
    const { conversationId, sent } = await firstExchange('script:http-401', 'Wrong question');
    await t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: 'Right question',
      model: 'script:hello',
    });
    expect(await titled(conversationId)).toBe('Right question');
  });

  it('are asked for once: a first message with no words to fall back on is not asked again at each reply', async () => {
    t = openLibrary(askingProvider);
    // Only the model's second request (the first title request) fails.
    const model = 'script:http-500?after=1&times=1&text=Sure';
    const { conversationId } = await firstExchange(model, '👍');
    await waitFor(() => titleRequests(model).length === 1, 'the title request');
    await t.core.titles.idle();
    const again = await t.ok<SentMessage>('chat.send', { conversationId, text: '👍👍' });
    expect((await settled(t.core, again.reply.message.id)).status).toBe('complete');
    await t.core.titles.idle();
    expect(titleOf(conversationId)).toBe('New chat');
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

  it('name a chat begun with attachments only by their file names, and ask the provider with them', async () => {
    t = openLibrary(askingProvider);
    // The title request fails: the file names are the fallback, and what the provider was asked about.
    const model = 'script:http-500?after=1&times=1&text=Files';
    await addProvider(t, fake.url, { defaultModel: model });
    const { id } = await t.ok<{ id: string }>('conversations.create', {});
    const ids = [
      (await attachFile(t, id, 'receipt.png', PNG_1X1)).id,
      (await attachFile(t, id, 'notes.md', 'milk')).id,
    ];
    const sent = await t.ok<SentMessage>('chat.send', { conversationId: id, text: '', attachmentIds: ids });
    await settled(t.core, sent.reply.message.id);
    expect(await titled(id)).toBe('receipt.png, notes.md');
    expect(JSON.stringify(titleRequests(model)[0]!.body)).toContain('receipt.png, notes.md');
  });
});

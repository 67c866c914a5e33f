import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Message } from '../../../shared/api/schemas/messages';
import { buildTree, shownPath, versionsOf } from '../../../shared/tree';
import type { FakeProvider } from '../../fake-provider/server';
import { settled, textOf, useChatFixture, type TestCore } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ script: 'script:echo', modelPrefix: 'rewrite-model' });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
let model: string;
beforeEach(() => void ({ fake, t, conversationId, model } = chat));

const rows = (table: 'streams' | 'chunks') =>
  libraryDb(t.core).prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const list = () => t.ok<Message[]>('messages.list', { conversationId });
/** The shown branch, as [role, text] pairs. */
const shown = async () => shownPath(await list()).map((m) => [m.role, textOf(m)]);
const lastBody = () =>
  fake.requests.filter((r) => r.model === model).at(-1)!.body as { messages: { content: unknown }[] };

async function exchange(text: string): Promise<SentMessage> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text });
  await settled(t.core, sent.reply.message.id);
  return sent;
}

describe('chat.regenerate', () => {
  it('adds a sibling reply to the same prompt and shows it, keeping the old one whole', async () => {
    const first = await exchange('one');
    const chunksBefore = rows('chunks');
    fake.setScript(`script:hello?text=${encodeURIComponent('another take')}`, model);
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: first.reply.message.id });
    expect(again.message.id).not.toBe(first.reply.message.id);
    expect(again.message.parentId).toBe(first.userMessage.id);
    expect((await settled(t.core, again.message.id)).status).toBe('complete');
    expect(await shown()).toEqual([
      ['user', 'one'],
      ['assistant', 'another take'],
    ]);
    const old = t.core.messages.get(first.reply.message.id);
    expect(textOf(old)).toBe('You said: one');
    expect(
      libraryDb(t.core).prepare('SELECT COUNT(*) FROM streams WHERE message_id = ?').pluck().get(old.id),
    ).toBe(1);
    expect(rows('chunks')).toBeGreaterThan(chunksBefore);
    // The prompt is the branch above the reply: one user message.
    expect(lastBody().messages).toHaveLength(1);
  });

  it('twice gives three versions, each exact, numbered in creation order', async () => {
    const first = await exchange('one');
    fake.setScript('script:hello?text=second', model);
    const second = await t.ok<StartedReply>('chat.regenerate', { messageId: first.reply.message.id });
    await settled(t.core, second.message.id);
    fake.setScript('script:hello?text=third', model);
    const third = await t.ok<StartedReply>('chat.regenerate', { messageId: second.message.id });
    await settled(t.core, third.message.id);
    const tree = buildTree(await list());
    const versions = versionsOf(tree, third.message.id);
    expect(versions.count).toBe(3);
    expect(versions.index).toBe(3);
    expect(versions.siblings.map(textOf)).toEqual(['You said: one', 'second', 'third']);
  });

  it('keeps the turns after the old reply on its own branch', async () => {
    const first = await exchange('one');
    await exchange('two');
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: first.reply.message.id });
    await settled(t.core, again.message.id);
    expect(await shown()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
    ]);
    await t.ok('messages.select', { messageId: first.reply.message.id });
    expect(await shown()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
      ['user', 'two'],
      ['assistant', 'You said: two'],
    ]);
  });

  it('shows a version made from one that was hidden, with the branch above it', async () => {
    const first = await exchange('one');
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: first.userMessage.id,
      text: 'uno',
    });
    await settled(t.core, edited.reply.message.id);
    fake.setScript('script:hello?text=again', model);
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: first.reply.message.id });
    await settled(t.core, again.message.id);
    expect(await shown()).toEqual([
      ['user', 'one'],
      ['assistant', 'again'],
    ]);
  });

  it('refuses with CONFLICT a reply that is still streaming, changing nothing', async () => {
    fake.setScript('script:long?tps=40', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'slow' });
    await waitFor(() => textOf(t.core.messages.get(sent.reply.message.id)).length > 0, 'some text');
    expect(await t.call('chat.regenerate', { messageId: sent.reply.message.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await list()).toHaveLength(2);
    await t.ok('chat.stop', { messageId: sent.reply.message.id });
  });

  it('refuses with CONFLICT a user message and NOT_FOUND an unknown id', async () => {
    const first = await exchange('one');
    expect(await t.call('chat.regenerate', { messageId: first.userMessage.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call('chat.regenerate', { messageId: 'no-such-message' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await list()).toHaveLength(2);
  });

  it('lets an older version go on streaming while a new one is shown', async () => {
    fake.setScript('script:long?tps=40', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'slow' });
    await waitFor(() => textOf(t.core.messages.get(sent.reply.message.id)).length > 0, 'some text');
    fake.setScript('script:hello?text=quick', model);
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: 'fast',
    });
    await settled(t.core, edited.reply.message.id);
    expect(t.core.messages.get(sent.reply.message.id).status).toBe('streaming');
    await t.ok('chat.stop', { messageId: sent.reply.message.id });
    expect(t.core.messages.get(sent.reply.message.id).status).toBe('cancelled');
  });
});

describe('chat.editAndResend', () => {
  it('adds a sibling user message with its own reply; the old text and its replies stay', async () => {
    const first = await exchange('one');
    await exchange('two');
    const streamsBefore = rows('streams');
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: first.userMessage.id,
      text: 'uno',
    });
    expect(edited.userMessage.id).not.toBe(first.userMessage.id);
    expect(edited.userMessage).toMatchObject({ parentId: null, parts: [{ type: 'text', text: 'uno' }] });
    await settled(t.core, edited.reply.message.id);
    expect(await shown()).toEqual([
      ['user', 'uno'],
      ['assistant', 'You said: uno'],
    ]);
    expect(textOf(t.core.messages.get(first.userMessage.id))).toBe('one');
    expect(rows('streams')).toBe(streamsBefore + 1);
    await t.ok('messages.select', { messageId: first.userMessage.id });
    expect((await shown()).map(([, text]) => text)).toEqual(['one', 'You said: one', 'two', 'You said: two']);
  });

  it('answers the edited text in the context of the branch above it', async () => {
    await exchange('one');
    const second = await exchange('two');
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: second.userMessage.id,
      text: 'deux',
    });
    await settled(t.core, edited.reply.message.id);
    const sent = lastBody().messages.map((m) => m.content);
    expect(sent).toHaveLength(3);
    expect(JSON.stringify(sent.at(-1))).toContain('deux');
  });

  it('refuses with CONFLICT an assistant message, changing nothing', async () => {
    const first = await exchange('one');
    expect(
      await t.call('chat.editAndResend', { messageId: first.reply.message.id, text: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await list()).toHaveLength(2);
  });
});

describe('who answered', () => {
  it('records the provider id, its name at the time, and the model on every reply', async () => {
    const first = await exchange('one');
    const reply = t.core.messages.get(first.reply.message.id);
    expect(reply.providerId).toBeTruthy();
    expect(reply.providerName).toBeTruthy();
    expect(reply.model).toBe(model);
    expect(t.core.messages.get(first.userMessage.id).model).toBeNull();
  });
});

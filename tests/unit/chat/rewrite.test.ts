import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Message } from '../../../shared/api/schemas/messages';
import type { FakeProvider } from '../../fake-provider/server';
import { settled, textOf, useChatFixture, waitFor, type TestCore } from './helpers';

const chat = useChatFixture({ script: 'script:echo', modelPrefix: 'rewrite-model' });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
let model: string;
beforeEach(() => void ({ fake, t, conversationId, model } = chat));

const rows = (table: 'streams' | 'chunks') =>
  t.core.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
const list = () => t.ok<Message[]>('messages.list', { conversationId });
const summary = async () => (await list()).map((m) => [m.role, textOf(m)]);

async function exchange(text: string): Promise<SentMessage> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text });
  await settled(t.core, sent.reply.message.id);
  return sent;
}

describe('chat.regenerate', () => {
  it('replaces the reply with a new message answering the same prompt', async () => {
    const first = await exchange('one');
    fake.setScript(`script:hello?text=${encodeURIComponent('another take')}`, model);
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: first.reply.message.id });
    expect(again.message.id).not.toBe(first.reply.message.id);
    const done = await settled(t.core, again.message.id);
    expect(done.status).toBe('complete');
    expect(await summary()).toEqual([
      ['user', 'one'],
      ['assistant', 'another take'],
    ]);
    // The old reply's stream and chunks went with it (cascade); only the new one's remain.
    expect(
      t.core.db
        .prepare('SELECT COUNT(*) FROM streams WHERE message_id = ?')
        .pluck()
        .get(first.reply.message.id),
    ).toBe(0);
    expect(rows('streams')).toBe(1);
    const body = fake.requests.filter((r) => r.model === model).at(-1)!.body as { messages: unknown[] };
    expect(body.messages).toHaveLength(1);
  });

  it('drops the turns after the regenerated reply, which answered the old one', async () => {
    const first = await exchange('one');
    await exchange('two');
    await t.ok<StartedReply>('chat.regenerate', { messageId: first.reply.message.id });
    const messages = await list();
    await settled(t.core, messages[1]!.id);
    expect(await summary()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
    ]);
  });

  it('stops a reply that is still streaming, then replaces it', async () => {
    fake.setScript('script:long?tps=40', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'slow' });
    await waitFor(() => textOf(t.core.messages.get(sent.reply.message.id)).length > 0, 'some text');
    fake.setScript(`script:hello?text=fresh`, model);
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: sent.reply.message.id });
    expect((await settled(t.core, again.message.id)).status).toBe('complete');
    expect(await summary()).toEqual([
      ['user', 'slow'],
      ['assistant', 'fresh'],
    ]);
    const old = fake.requests.filter((r) => r.model === model).at(-2)!;
    await waitFor(() => old.closedAt !== undefined, 'the old request to close');
    expect(old.clientAborted).toBe(true);
  });

  it('refuses with CONFLICT a user message', async () => {
    const first = await exchange('one');
    expect(await t.call('chat.regenerate', { messageId: first.userMessage.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await list()).toHaveLength(2);
  });
});

describe('chat.editAndResend', () => {
  it('replaces the text, deletes everything after it, and answers the new text', async () => {
    const first = await exchange('one');
    await exchange('two');
    const chunksBefore = rows('chunks');
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: first.userMessage.id,
      text: 'uno',
    });
    expect(edited.userMessage).toMatchObject({
      id: first.userMessage.id,
      parts: [{ type: 'text', text: 'uno' }],
    });
    await settled(t.core, edited.reply.message.id);
    expect(await summary()).toEqual([
      ['user', 'uno'],
      ['assistant', 'You said: uno'],
    ]);
    expect(rows('streams')).toBe(1);
    expect(rows('chunks')).toBeLessThan(chunksBefore);
  });

  it('stops the reply streaming after the edited message first', async () => {
    fake.setScript('script:long?tps=40', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'typo' });
    await waitFor(() => textOf(t.core.messages.get(sent.reply.message.id)).length > 0, 'some text');
    fake.setScript('script:echo', model);
    const edited = await t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: 'fixed',
    });
    await settled(t.core, edited.reply.message.id);
    expect(await summary()).toEqual([
      ['user', 'fixed'],
      ['assistant', 'You said: fixed'],
    ]);
  });

  it('refuses with CONFLICT an assistant message, changing nothing', async () => {
    const first = await exchange('one');
    expect(
      await t.call('chat.editAndResend', { messageId: first.reply.message.id, text: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await summary()).toEqual([
      ['user', 'one'],
      ['assistant', 'You said: one'],
    ]);
  });
});

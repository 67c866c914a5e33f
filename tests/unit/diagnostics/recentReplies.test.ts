import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { RecentReply } from '../../../shared/api/schemas/diagnostics';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled } from '../chat/helpers';
import { openLibrary, type LibraryTest } from '../library/helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(async () => {
  await t.cleanup();
});

const recent = async (limit?: number) =>
  (await t.ok<{ replies: RecentReply[] }>('diagnostics.recentReplies', limit ? { limit } : {})).replies;

async function reply(conversationId: string, model: string, text = 'hi'): Promise<string> {
  const { reply } = await t.ok<SentMessage>('chat.send', { conversationId, text, model });
  await settled(t.core, reply.message.id);
  return reply.message.id;
}

describe('diagnostics.recentReplies: the replies a report can include', () => {
  it('lists assistant replies with a chunk log, newest first, with the conversation title, status and a one-line snippet', async () => {
    t = openLibrary();
    await addProvider(t, fake.url);
    const first = t.core.conversations.create('First chat').id;
    const second = t.core.conversations.create('Second chat').id;
    const ok = await reply(first, 'script:hello?text=Line one%0A%0A  and   two.');
    const failed = await reply(second, 'script:http-401?message=Bad key here');
    // Written without a provider: no stream, so no chunk log to include.
    t.exchange('Typed in', 'q', 'a');

    const replies = await recent();
    expect(replies.map((r) => r.messageId)).toEqual([failed, ok]);
    expect(replies[1]).toMatchObject({
      conversationId: first,
      conversationTitle: 'First chat',
      status: 'complete',
      snippet: 'Line one and two.',
    });
    expect(replies[0]).toMatchObject({ conversationTitle: 'Second chat', status: 'error' });
    expect(replies[0]!.snippet).toContain('Bad key here');
  });

  it('leaves out replies of deleted conversations and keeps to the limit', async () => {
    t = openLibrary();
    await addProvider(t, fake.url);
    const kept = t.core.conversations.create('Kept').id;
    const gone = t.core.conversations.create('Gone').id;
    const a = await reply(kept, 'script:hello');
    const b = await reply(kept, 'script:hello');
    await reply(gone, 'script:hello');
    await t.ok('conversations.delete', { id: gone });

    expect((await recent()).map((r) => r.messageId)).toEqual([b, a]);
    expect((await recent(1)).map((r) => r.messageId)).toEqual([b]);
    expect(await t.call('diagnostics.recentReplies', { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('cuts a long reply to a snippet of at most 80 characters', async () => {
    t = openLibrary();
    await addProvider(t, fake.url);
    await reply(t.core.conversations.create('Long').id, 'script:long');
    const [long] = await recent();
    expect(long!.snippet.length).toBeLessThanOrEqual(80);
    expect(long!.snippet.endsWith('…')).toBe(true);
  });
});

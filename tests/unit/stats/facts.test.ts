import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Stats } from '../../../shared/api/schemas/stats';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled } from '../chat/helpers';
import { openLibrary, type LibraryTest } from '../library/helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

/** Counters are facts, not views: nothing done to a reply afterwards takes a figure down. */

const DAY = 86_400_000;
const UNDO_MS = 30;
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(() => t.cleanup());

/** What a delete must never move: every stream figure (the timeline's slots move with the clock). */
async function figures() {
  const s = await t.ok<Stats>('stats.get', { sinceMs: DAY });
  return {
    streams: s.streams,
    perSlot: s.timeline.buckets.reduce(
      (n, b) => ({
        completed: n.completed + b.completed,
        interrupted: n.interrupted + b.interrupted,
        errored: n.errored + b.errored,
        cancelled: n.cancelled + b.cancelled,
      }),
      { completed: 0, interrupted: 0, errored: 0, cancelled: 0 },
    ),
    providerErrors: s.providerErrors,
    performance: s.performance,
    persistence: s.persistence,
  };
}

/** A conversation whose first reply was cut mid-stream (the provider dropped the connection). */
async function cutReply() {
  t = openLibrary({ library: { undoWindowMs: UNDO_MS } });
  const providerId = await addProvider(t, fake.url, { defaultModel: 'script:hello' });
  const conversationId = t.core.conversations.create('cut').id;
  const sent = await t.ok<SentMessage>('chat.send', {
    conversationId,
    text: 'tell me',
    providerId,
    model: 'script:cut-after-20',
  });
  const cut = await settled(t.core, sent.reply.message.id);
  return { providerId, conversationId, userId: sent.userMessage.id, cut };
}

async function regenerate(messageId: string, model = 'script:hello') {
  const started = await t.ok<StartedReply>('chat.regenerate', { messageId, model });
  return settled(t.core, started.message.id);
}

const streamRows = () => libraryDb(t.core).prepare('SELECT COUNT(*) FROM streams').pluck().get() as number;

describe('stream figures are facts', () => {
  it('one cut reply counts as failed once, and still once after Regenerate', async () => {
    const { cut } = await cutReply();
    const failed = (f: Awaited<ReturnType<typeof figures>>) => f.streams.errored + f.streams.interrupted;
    const before = await figures();
    expect(failed(before)).toBe(1);
    expect(before.streams.started).toBe(1);

    const second = await regenerate(cut.id);
    expect(second.status).toBe('complete');
    const after = await figures();
    expect(failed(after)).toBe(1);
    expect(after.streams).toMatchObject({ started: 2, completed: 1 });
    expect(after.providerErrors).toEqual(before.providerErrors);
  });

  it('a deleted version still counts after it is purged with its stream and chunk log', async () => {
    const { cut } = await cutReply();
    await regenerate(cut.id);
    const before = await figures();
    await t.ok('messages.delete', { messageId: cut.id, scope: 'version' });
    await waitFor(() => streamRows() === 1, 'the purge of the deleted version');
    expect(await figures()).toEqual(before);
  });

  it('a deleted branch still counts after it is purged', async () => {
    const { cut, conversationId, userId } = await cutReply();
    const second = await regenerate(cut.id);
    // A follow-up below the second version: the branch holds two replies and their streams.
    const followUp = await t.ok<SentMessage>('chat.send', {
      conversationId,
      text: 'and then?',
      model: 'script:hello',
    });
    await settled(t.core, followUp.reply.message.id);
    expect(followUp.userMessage.parentId).toBe(second.id);
    expect(userId).toBe(second.parentId);
    const before = await figures();
    expect(before.streams.started).toBe(3);
    await t.ok('messages.delete', { messageId: followUp.reply.message.id, scope: 'branch' });
    await waitFor(() => streamRows() === 1, 'the purge of the deleted branch');
    expect(await figures()).toEqual(before);
  });

  it('a deleted conversation still counts after it is purged', async () => {
    const { cut, conversationId } = await cutReply();
    await regenerate(cut.id);
    const before = await figures();
    await t.ok('conversations.delete', { id: conversationId });
    await waitFor(() => streamRows() === 0, 'the purge of the deleted conversation');
    expect(await figures()).toEqual(before);
  });

  it('a stream removed while its row still said streaming (its writer gone) counts as interrupted', async () => {
    t = openLibrary({ library: { undoWindowMs: UNDO_MS } });
    const conversationId = t.core.conversations.create('orphan').id;
    const messageId = t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
    libraryDb(t.core)
      .prepare(
        "INSERT INTO streams (id, message_id, status, started_at) VALUES ('s-orphan', ?, 'streaming', ?)",
      )
      .run(messageId, Date.now());
    libraryDb(t.core).prepare('DELETE FROM conversations WHERE id = ?').run(conversationId);
    expect((await figures()).streams).toMatchObject({ started: 1, interrupted: 1, streaming: 0 });
  });
});

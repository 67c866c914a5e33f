import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { databasePath } from '../../../electron/core/paths';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Message } from '../../../shared/api/schemas/messages';
import type { FakeProvider } from '../../fake-provider/server';
import { openCore, settled, textOf, useChatFixture, type TestCore } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ script: 'script:long?tps=40', modelPrefix: 'slow-model' });
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
let model: string;
beforeEach(() => void ({ fake, t, conversationId, model } = chat));

/** Sends and waits until some of the reply has been committed. */
async function sendAndWaitForText(): Promise<SentMessage> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'tell me a long story' });
  await waitFor(() => textOf(t.core.messages.get(sent.reply.message.id)).length > 20, 'some reply text');
  return sent;
}

const lastRequest = () => fake.requests.filter((r) => r.model === model).at(-1)!;

function lastMessageText(body: unknown): [string, string] {
  const last = (body as { messages: { role: string; content: unknown }[] }).messages.at(-1)!;
  const text =
    typeof last.content === 'string'
      ? last.content
      : (last.content as { text?: string }[]).map((p) => p.text ?? '').join('');
  return [last.role, text];
}

describe('chat.stop', () => {
  it('cancels the reply at once, keeps its text, and closes the provider connection', async () => {
    const sent = await sendAndWaitForText();
    const stopped = await t.ok<{ stopped: boolean }>('chat.stop', { messageId: sent.reply.message.id });
    expect(stopped.stopped).toBe(true);
    const message = t.core.messages.get(sent.reply.message.id);
    expect(message.status).toBe('cancelled');
    expect(t.core.messages.findStored(message.id)!.status).toBe('cancelled');
    expect(textOf(message).length).toBeGreaterThan(20);
    await waitFor(() => lastRequest().closedAt !== undefined, 'the provider connection to close');
    expect(lastRequest().clientAborted).toBe(true);
  });

  it('answers stopped: false for a reply that is not running', async () => {
    fake.setScript('script:hello?tokens=3', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
    await settled(t.core, sent.reply.message.id);
    expect(await t.ok('chat.stop', { messageId: sent.reply.message.id })).toEqual({
      messageId: sent.reply.message.id,
      stopped: false,
    });
  });

  it('is never triggered by a client going away: the reply streams on to completion', async () => {
    fake.setScript('script:long?tps=200&tokens=60', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'go' });
    t.client.dispose();
    const done = await settled(t.core, sent.reply.message.id);
    expect(done.status).toBe('complete');
    expect(lastRequest().clientAborted).toBe(false);
  });
});

describe('deleting a conversation mid-reply', () => {
  it('stops its reply first, closing the provider connection, and its purge leaves nothing behind', async () => {
    const sent = await sendAndWaitForText();
    await t.ok('conversations.delete', { id: conversationId });
    await waitFor(() => lastRequest().closedAt !== undefined, 'the provider connection to close');
    expect(lastRequest().clientAborted).toBe(true);
    expect(t.core.messages.findStored(sent.reply.message.id)?.status).toBe('cancelled');
    // The delete is soft (Undo); the next launch after the undo window purges it.
    await t.core.close();
    chat.t = t = openCore(chat.dataDir, t.recorded, { clock: { now: () => Date.now() + 60_000 } });
    expect(t.core.messages.find(sent.reply.message.id)).toBeUndefined();
    expect(libraryDb(t.core).prepare('SELECT COUNT(*) FROM streams').pluck().get()).toBe(0);
  });
});

describe('closing the core mid-reply', () => {
  it('interrupts the reply with every received chunk committed and closes the provider connection', async () => {
    const sent = await sendAndWaitForText();
    await t.core.close();
    await waitFor(() => lastRequest().closedAt !== undefined, 'the provider connection to close');
    expect(lastRequest().clientAborted).toBe(true);
    chat.t = t = openCore(chat.dataDir, t.recorded);
    const message = t.core.messages.get(sent.reply.message.id);
    expect(message.status).toBe('interrupted');
    const logged = (
      libraryDb(t.core)
        .prepare("SELECT payload FROM chunks WHERE stream_id = ? AND type = 'text-delta' ORDER BY seq")
        .pluck()
        .all(sent.reply.streamId) as string[]
    )
      .map((p) => (JSON.parse(p) as { delta: string }).delta)
      .join('');
    expect(textOf(message)).toBe(logged);
    expect(await t.ok('recovery.report', {})).toMatchObject({ streamsInterrupted: 0, messagesRebuilt: 0 });
  });
});

describe('chat.continue', () => {
  it('continues a stopped reply as a new stream of the same message: text = partial + continuation', async () => {
    const sent = await sendAndWaitForText();
    await t.ok('chat.stop', { messageId: sent.reply.message.id });
    const partial = textOf(t.core.messages.get(sent.reply.message.id));
    fake.setScript(`script:hello?text=${encodeURIComponent(' and so it ended.')}`, model);

    const continued = await t.ok<StartedReply>('chat.continue', { messageId: sent.reply.message.id });
    expect(continued.message.id).toBe(sent.reply.message.id);
    expect(continued.streamId).not.toBe(sent.reply.streamId);
    const done = await settled(t.core, sent.reply.message.id);
    expect(done.status).toBe('complete');
    expect(textOf(done)).toBe(partial + ' and so it ended.');
    expect(lastMessageText(lastRequest().body)).toEqual(['assistant', partial]);
  });

  it('completes a reply interrupted by closing the core, after reopening on the same data dir', async () => {
    const sent = await sendAndWaitForText();
    await t.core.close();
    chat.t = t = openCore(chat.dataDir, t.recorded);
    const interrupted = t.core.messages.get(sent.reply.message.id);
    expect(interrupted.status).toBe('interrupted');
    const partial = textOf(interrupted);
    expect(partial.length).toBeGreaterThan(20);
    fake.setScript(`script:hello?text=${encodeURIComponent(' — the end.')}`, model);

    await t.ok<StartedReply>('chat.continue', { messageId: sent.reply.message.id });
    const done = await settled(t.core, sent.reply.message.id);
    expect(done.status).toBe('complete');
    expect(textOf(done)).toBe(partial + ' — the end.');
    expect(lastMessageText(lastRequest().body)).toEqual(['assistant', partial]);

    // Recovery folds every stream of the message in order: a rebuild from the log agrees.
    await t.core.close();
    const db = new BetterSqlite3(databasePath(chat.dataDir));
    db.prepare("UPDATE messages SET parts = '[]', snapshot_seq = -1 WHERE id = ?").run(done.id);
    db.close();
    chat.t = t = openCore(chat.dataDir, t.recorded);
    expect(await t.ok('recovery.report', {})).toMatchObject({ messagesRebuilt: 1 });
    const rebuilt = t.core.messages.get(done.id);
    expect(textOf(rebuilt)).toBe(partial + ' — the end.');
    expect(rebuilt.status).toBe('complete');
  });

  it('continues a reply that ended in an error', async () => {
    fake.setScript('script:cut-after-4', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'go' });
    const failed = await settled(t.core, sent.reply.message.id);
    expect(failed.status).toBe('error');
    fake.setScript(`script:hello?text=${encodeURIComponent(' rest')}`, model);
    await t.ok('chat.continue', { messageId: failed.id });
    const done = await settled(t.core, failed.id);
    expect(done).toMatchObject({ status: 'complete', error: null });
    expect(textOf(done)).toBe(textOf(failed) + ' rest');
  });

  it('refuses with CONFLICT a reply that is complete, streaming, or not a reply', async () => {
    fake.setScript('script:hello?tokens=3', model);
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
    const streaming = await t.call('chat.continue', { messageId: sent.reply.message.id });
    await settled(t.core, sent.reply.message.id);
    const complete = await t.call('chat.continue', { messageId: sent.reply.message.id });
    const user = await t.call('chat.continue', { messageId: sent.userMessage.id });
    for (const result of [streaming, complete, user])
      expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.ok<Message[]>('messages.list', { conversationId })).toHaveLength(2);
  });
});

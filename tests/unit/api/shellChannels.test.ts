import { afterEach, describe, expect, it } from 'vitest';
import { crashMidStream, openLibrary, text, type LibraryTest } from '../library/helpers';

let t: LibraryTest;
afterEach(async () => t.cleanup());

describe('channels the shells use instead of SQL', () => {
  it('streams.status gives a live stream as streaming, its last seq not known yet', async () => {
    t = openLibrary();
    const conversationId = t.core.conversations.create('status').id;
    const messageId = t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
    const stream = t.core.engine.start({ messageId });
    stream.append(text('one'));
    stream.append(text('two'));
    t.core.engine.flush();
    expect(await t.ok('streams.status', { streamId: stream.id })).toEqual({
      streamId: stream.id,
      messageId,
      status: 'streaming',
      error: null,
      lastSeq: null,
    });
  });

  it('streams.status gives an ended stream its status and error', async () => {
    t = openLibrary();
    const conversationId = t.core.conversations.create('status').id;
    const messageId = t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
    const stream = t.core.engine.start({ messageId });
    stream.append(text('partial'));
    stream.fail({ code: 'server', message: 'the provider fell over' });
    t.core.engine.flush();
    expect(await t.ok('streams.status', { streamId: stream.id })).toMatchObject({
      status: 'error',
      lastSeq: 1,
      error: { code: 'server', message: 'the provider fell over' },
    });
  });

  it.each([
    ['streams.status', 'an unknown stream', { streamId: 'nope' }],
    ['messages.get', 'an unknown message', { id: 'nope' }],
  ])('%s answers %s with NOT_FOUND', async (channel, _what, request) => {
    t = openLibrary();
    expect(await t.call(channel, request)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('recovery.items names the streams the last recovery finalised and the messages it rebuilt', async () => {
    t = openLibrary({ debounceMs: 60_000 });
    const { messageId, streamId } = crashMidStream(t);
    const reopened = await t.reopen();
    const items = await reopened.ok<{ interrupted: unknown[]; rebuilt: string[] }>('recovery.items', {});
    expect(items.interrupted).toEqual([{ streamId, messageId, lastSeq: 0 }]);
    expect(items.rebuilt).toEqual([messageId]);
  });

  it('messages.get gives one message, any version, by id', async () => {
    t = openLibrary();
    const { replyId } = t.exchange('get', 'a question', 'an answer');
    expect(await t.ok('messages.get', { id: replyId })).toMatchObject({
      id: replyId,
      role: 'assistant',
      parts: [{ type: 'text', text: 'an answer' }],
    });
  });

  it('streams.report gives a message its stored usage and each stream its figures and what it sent', async () => {
    t = openLibrary();
    const conversationId = t.core.conversations.create('report').id;
    const messageId = t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
    const stream = t.core.engine.start({ messageId });
    stream.append(text('hello'));
    await stream.complete();
    t.core.engine.flush();
    const report = await t.ok<{ messageId: string; streams: { streamId: string; chunks: number }[] }>(
      'streams.report',
      { messageId },
    );
    expect(report).toMatchObject({ messageId, conversationId, role: 'assistant', usage: null });
    expect(report.streams).toEqual([
      expect.objectContaining({
        streamId: stream.id,
        byType: expect.objectContaining({ 'text-delta': 1 }),
        sent: { system: null, params: {} },
      }),
    ]);
  });

  it('streams.report answers an unknown message with NOT_FOUND', async () => {
    t = openLibrary();
    expect(await t.call('streams.report', { messageId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

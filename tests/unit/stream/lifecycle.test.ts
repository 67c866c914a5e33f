import { afterEach, describe, expect, test } from 'vitest';
import { InstanceRegistry } from '../../../electron/core/stream/InstanceRegistry';
import { StreamEndedError } from '../../../electron/core/stream/StreamHandle';
import { ApiFailure } from '../../../shared/api/result';
import { cleanupAll, delta, newEngine, onCleanup, sequentialIds, tempDb, walCommits } from './helpers';

afterEach(cleanupAll);

function streamRow(t: ReturnType<typeof tempDb>, id: string) {
  return t.db
    .prepare<[string], Record<string, unknown>>(
      'SELECT status, ended_at, last_seq, owner, heartbeat_at, error, request FROM streams WHERE id = ?',
    )
    .get(id)!;
}

describe('stream lifecycle', () => {
  test('start writes a streaming row carrying owner and heartbeat, and links the message', () => {
    const t = tempDb();
    const engine = newEngine(t, { owner: 'me' });
    const messageId = t.newMessage();
    const s = engine.start({
      messageId,
      provider: 'p',
      model: 'm',
      request: { prompt: 'hi', apiKey: 'sk-123' },
    });
    const row = streamRow(t, s.id);
    expect(row).toMatchObject({
      status: 'streaming',
      owner: 'me',
      heartbeat_at: t.clock.now(),
      last_seq: -1,
    });
    expect(row.request).toBe(JSON.stringify({ prompt: 'hi' }));
    expect(t.messages.get(messageId)).toMatchObject({ streamId: s.id, status: 'streaming', snapshotSeq: -1 });
  });

  test('a second live stream on the same message is a CONFLICT; an unknown message is NOT_FOUND', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const messageId = t.newMessage();
    engine.start({ messageId });
    expect(() => engine.start({ messageId })).toThrowError(ApiFailure);
    expect(() => engine.start({ messageId: 'nope' })).toThrowError(/No message/);
  });

  test.each([
    ['complete', (s: { complete(): unknown }) => s.complete(), 'finish', 'complete', null],
    [
      'fail',
      (s: { fail(e: { code: string; message: string }): unknown }) =>
        s.fail({ code: 'timeout', message: 'slow' }),
      'error',
      'error',
      JSON.stringify({ code: 'timeout', message: 'slow' }),
    ],
    ['cancel', (s: { cancel(): unknown }) => s.cancel(), 'abort', 'cancelled', null],
  ] as const)(
    '%s appends its terminal chunk and sets status and ended_at in the same commit',
    (_name, end, chunkType, status, error) => {
      const t = tempDb();
      const engine = newEngine(t);
      const s = engine.start({ messageId: t.newMessage() });
      s.append(delta('hi'));
      engine.flush();
      t.clock.advance(500);
      const before = walCommits(t.file);
      (end as (s: unknown) => void)(s);
      expect(engine.flush()).toBe(true);
      expect(walCommits(t.file) - before).toBe(1);
      expect(engine.read(s.id, -1, 10).map((c) => c.chunk.type)).toEqual(['text-delta', chunkType]);
      expect(streamRow(t, s.id)).toMatchObject({ status, ended_at: t.clock.now(), last_seq: 1, error });
      expect(() => s.append(delta('late'))).toThrowError(StreamEndedError);
    },
  );

  test('interrupt appends no chunk and marks the stream interrupted', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    s.append(delta('hi'));
    s.interrupt();
    engine.flush();
    expect(engine.read(s.id, -1, 10).map((c) => c.chunk.type)).toEqual(['text-delta']);
    expect(streamRow(t, s.id)).toMatchObject({ status: 'interrupted', last_seq: 0 });
    expect(engine.isLive(s.id)).toBe(false);
  });

  test('a provider-sent finish chunk ends the stream like complete()', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    s.append({ type: 'finish', finishReason: 'stop' });
    engine.flush();
    expect(s.ended).toBe(true);
    expect(streamRow(t, s.id)).toMatchObject({ status: 'complete' });
  });

  test('a conversation deleted mid-reply drops only that stream; the others keep committing', () => {
    const t = tempDb();
    const errors: string[] = [];
    const engine = newEngine(t, { onInternalError: (e) => errors.push(String(e)) });
    const keep = engine.start({ messageId: t.newMessage() });
    const otherConversation = t.conversations.create('doomed').id;
    const doomedMessage = t.messages.insert({ conversationId: otherConversation, role: 'assistant' }).id;
    const doomed = engine.start({ messageId: doomedMessage });
    keep.append(delta('a'));
    doomed.append(delta('b'));
    t.conversations.delete(otherConversation);
    expect(engine.flush()).toBe(false);
    expect(engine.flush()).toBe(true);
    expect(engine.read(keep.id, -1, 10)).toHaveLength(1);
    expect(doomed.ended).toBe(true);
    expect(errors.join()).toContain(doomed.id);
  });
});

describe('§3.7 instance registry', () => {
  test('§3.7 an owner is alive while its heartbeat is fresh and its pid exists', () => {
    const t = tempDb();
    const mine = new InstanceRegistry(t.db, { id: 'A', kind: 'test', clock: t.clock, staleMs: 1000 });
    const other = new InstanceRegistry(t.db, { id: 'B', kind: 'test', clock: t.clock, staleMs: 1000 });
    onCleanup(() => mine.stop());
    onCleanup(() => other.stop());
    mine.start();
    other.start();
    expect(mine.isAlive('B')).toBe(true);
    expect(mine.isAlive('unknown')).toBe(false);
    expect(mine.isAlive(null)).toBe(false);
    t.clock.advance(1001);
    expect(mine.isAlive('B')).toBe(false);
    expect(mine.isAlive('A')).toBe(true);
    other.beat();
    expect(mine.isAlive('B')).toBe(true);
  });

  test('§3.7 the heartbeat refreshes the streams this instance owns, and only those', () => {
    const t = tempDb();
    const registry = new InstanceRegistry(t.db, { id: 'A', kind: 'test', clock: t.clock });
    onCleanup(() => registry.stop());
    registry.start();
    const mine = newEngine(t, { owner: 'A' }).start({ messageId: t.newMessage() });
    const theirs = newEngine(t, { owner: 'B', newId: sequentialIds('sB') }).start({
      messageId: t.newMessage(),
    });
    t.clock.advance(5000);
    registry.beat();
    expect(streamRow(t, mine.id).heartbeat_at).toBe(t.clock.now());
    expect(streamRow(t, theirs.id).heartbeat_at).toBe(t.clock.now() - 5000);
  });
});

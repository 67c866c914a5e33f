import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { InstanceRegistry } from '../../../electron/core/stream/InstanceRegistry';
import { recover } from '../../../electron/core/stream/recover';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';
import { addProvider, openCore } from '../chat/helpers';
import { cleanupAll, delta, newEngine, onCleanup, sequentialIds, tempDb, type TestDb } from './helpers';
import { coreConnection, libraryDb } from '../../helpers/libraryDb';

afterEach(cleanupAll);

function registry(t: TestDb, id: string, db = t.db): InstanceRegistry {
  const r = new InstanceRegistry(db, { id, kind: 'test', clock: t.clock });
  onCleanup(() => r.stop());
  r.start();
  return r;
}

const runRecovery = (t: TestDb, self: InstanceRegistry) =>
  recover({ db: t.db, clock: t.clock, selfId: self.id, isOwnerAlive: (o) => self.isAlive(o) });

const messageStatus = (t: TestDb, id: string) =>
  t.db.prepare('SELECT status FROM messages WHERE id = ?').pluck().get(id);

describe('§3.7 recovery ends a message left streaming without a stream', () => {
  test('a message created streaming whose stream was never started is finalised as interrupted', () => {
    const t = tempDb();
    const self = registry(t, 'self');
    // Killed between creating the reply and starting its stream.
    const messageId = t.newMessage();
    t.clock.advance(5);
    const report = runRecovery(t, self);
    expect(report).toMatchObject({ messagesRebuilt: 1, streamsInterrupted: 0 });
    expect(t.messages.findStored(messageId)).toMatchObject({
      status: 'interrupted',
      parts: [],
      error: null,
      updatedAt: t.clock.now(),
    });
    expect(runRecovery(t, self)).toMatchObject({ messagesRebuilt: 0 });
  });

  test('a message whose stream a live owner is writing stays streaming', () => {
    const t = tempDb();
    const dbB = new BetterSqlite3(t.file);
    onCleanup(() => dbB.close());
    const self = registry(t, 'A');
    registry(t, 'B', dbB);
    const engineB = newEngine({ ...t, db: dbB }, { owner: 'B', newId: sequentialIds('sB') });
    const messageId = t.newMessage();
    const s = engineB.start({ messageId });
    s.append(delta('still going'));
    engineB.flush();
    expect(runRecovery(t, self)).toMatchObject({ messagesRebuilt: 0, streamsInterrupted: 0 });
    expect(messageStatus(t, messageId)).toBe('streaming');
  });

  test('a stream started right after recovery ended its message makes it streaming again (no lost race)', () => {
    const t = tempDb();
    const self = registry(t, 'A');
    // Another process between its two steps: the message exists, its stream not yet.
    const messageId = t.newMessage();
    runRecovery(t, self);
    expect(messageStatus(t, messageId)).toBe('interrupted');
    const engine = newEngine(t, { owner: 'B' });
    const s = engine.start({ messageId });
    expect(messageStatus(t, messageId)).toBe('streaming');
    s.append(delta('hello'));
    s.complete();
    engine.flush();
    expect(t.db.prepare('SELECT count(*) FROM chunks WHERE stream_id = ?').pluck().get(s.id)).toBe(2);
  });
});

describe('§3.7 a reply and its stream are created together', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeProvider({ tokensPerSecond: 0 });
  });
  afterAll(() => fake.close());

  test('a send whose stream row cannot be written leaves no message behind, streaming or not', async () => {
    const tmp = makeTempDir('spool-atomic-reply-');
    const t = openCore(tmp.dir);
    try {
      await addProvider(t, fake.url);
      const conversationId = (await t.ok<Conversation>('conversations.create', {})).id;
      // The last step of the send's transaction fails, as a crash there would stop it.
      libraryDb(t.core).exec(
        "CREATE TRIGGER no_streams BEFORE INSERT ON streams BEGIN SELECT RAISE(ABORT, 'no room for streams'); END",
      );
      const result = await t.call('chat.send', { conversationId, text: 'hi' });
      expect(result.ok).toBe(false);
      const messages = libraryDb(t.core)
        .prepare('SELECT role, status FROM messages WHERE conversation_id = ?')
        .all(conversationId);
      expect(messages).toEqual([]);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await t.core.close();
      tmp.cleanup();
    }
  });

  test('a new reply is not streaming until its stream row is written', async () => {
    const tmp = makeTempDir('spool-atomic-reply-');
    const t = openCore(tmp.dir);
    try {
      await addProvider(t, fake.url);
      const conversationId = (await t.ok<Conversation>('conversations.create', {})).id;
      // Seen from inside the transaction, at the moment the stream row is inserted.
      const seen: string[] = [];
      coreConnection(t.core).function('spy', (status: unknown) => void seen.push(String(status)));
      coreConnection(t.core).exec(
        `CREATE TEMP TRIGGER watch BEFORE INSERT ON main.streams BEGIN
           SELECT spy((SELECT status FROM main.messages WHERE id = new.message_id));
         END`,
      );
      const sent = await t.ok<{ reply: { message: { status: string } } }>('chat.send', {
        conversationId,
        text: 'hi',
      });
      expect(seen).toEqual(['interrupted']);
      expect(sent.reply.message.status).toBe('streaming');
    } finally {
      await t.core.close();
      tmp.cleanup();
    }
  });
});

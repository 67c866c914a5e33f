import { spawnSync } from 'node:child_process';
import os from 'node:os';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { InstanceRegistry } from '../../../electron/core/stream/InstanceRegistry';
import { recover } from '../../../electron/core/stream/recover';
import { MessageStore } from '../../../electron/core/store/MessageStore';
import { cleanupAll, delta, newEngine, onCleanup, sequentialIds, tempDb, type TestDb } from './helpers';

afterEach(cleanupAll);

function registry(t: TestDb, id: string, db = t.db, staleMs = 10_000): InstanceRegistry {
  const r = new InstanceRegistry(db, { id, kind: 'test', clock: t.clock, staleMs });
  onCleanup(() => r.stop());
  r.start();
  return r;
}

function runRecovery(t: TestDb, self: InstanceRegistry, isLocal: (id: string) => boolean = () => false) {
  return recover({
    db: t.db,
    clock: t.clock,
    selfId: self.id,
    isOwnerAlive: (o) => self.isAlive(o),
    isLocalStream: isLocal,
  });
}

/** A stream written to the log by a "process" that then vanished without ending it. */
function orphanedStream(t: TestDb, owner: string, texts: string[]) {
  const engine = newEngine(t, { owner, newId: sequentialIds(`s-${owner}`) });
  const messageId = t.newMessage();
  const s = engine.start({ messageId });
  s.append({ type: 'text-start', id: 't1' });
  for (const x of texts) s.append(delta(x));
  engine.flush();
  engine.close(); // no writer ran: the message snapshot lags the log, like after a crash
  return { streamId: s.id, messageId };
}

const text = (t: TestDb, id: string) =>
  t.messages
    .findStored(id)!
    .parts.map((p) => ('text' in p ? p.text : ''))
    .join('');
const status = (t: TestDb, id: string) =>
  t.db.prepare('SELECT status, ended_at FROM streams WHERE id = ?').get(id) as {
    status: string;
    ended_at: number;
  };
const chunkCount = (t: TestDb) => t.db.prepare('SELECT count(*) FROM chunks').pluck().get();

describe('§3.7 recovery at launch', () => {
  test('§3.7 a streaming stream whose owner has no heartbeat row is finalised as interrupted, keeping every chunk', () => {
    const t = tempDb();
    const self = registry(t, 'self');
    const { streamId, messageId } = orphanedStream(t, 'ghost', ['Hel', 'lo']);
    const before = chunkCount(t);
    t.clock.advance(10);
    const report = runRecovery(t, self);
    expect(report).toEqual({ streamsInterrupted: 1, messagesRebuilt: 1, ranAt: t.clock.now() });
    expect(status(t, streamId)).toEqual({ status: 'interrupted', ended_at: t.clock.now() });
    expect(chunkCount(t)).toBe(before);
    expect(t.messages.findStored(messageId)).toMatchObject({
      status: 'interrupted',
      error: null,
      snapshotSeq: 2,
    });
    expect(text(t, messageId)).toBe('Hello');
  });

  test('§3.7 an owner with a stale heartbeat is gone', () => {
    const t = tempDb();
    const self = registry(t, 'self', t.db, 1000);
    registry(t, 'sleeper', t.db, 1000);
    const { streamId } = orphanedStream(t, 'sleeper', ['x']);
    expect(runRecovery(t, self).streamsInterrupted).toBe(0);
    t.clock.advance(1001);
    self.beat();
    expect(runRecovery(t, self).streamsInterrupted).toBe(1);
    expect(status(t, streamId).status).toBe('interrupted');
  });

  test('§3.7 an owner on this machine whose pid is gone is gone, even with a fresh heartbeat', () => {
    const t = tempDb();
    const self = registry(t, 'self');
    const child = spawnSync(process.execPath, ['-e', '']);
    const deadPid = child.pid!;
    t.db
      .prepare(
        'INSERT INTO instances (id, pid, hostname, kind, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('killed', deadPid, os.hostname(), 'test', t.clock.now(), t.clock.now());
    const { streamId } = orphanedStream(t, 'killed', ['x']);
    expect(runRecovery(t, self).streamsInterrupted).toBe(1);
    expect(status(t, streamId).status).toBe('interrupted');
  });

  test('§3.7 a live owner’s streams and messages are never touched (two engines on one file)', () => {
    const t = tempDb();
    const dbB = new BetterSqlite3(t.file);
    onCleanup(() => dbB.close());
    const self = registry(t, 'A');
    registry(t, 'B', dbB);
    const engineB = newEngine({ ...t, db: dbB }, { owner: 'B', newId: sequentialIds('sB') });
    const messageId = t.newMessage();
    const s = engineB.start({ messageId });
    s.append(delta('B is still writing'));
    engineB.flush();
    const messageBefore = t.messages.findStored(messageId);
    const report = runRecovery(t, self);
    expect(report).toMatchObject({ streamsInterrupted: 0, messagesRebuilt: 0 });
    expect(status(t, s.id).status).toBe('streaming');
    expect(t.messages.findStored(messageId)).toEqual(messageBefore);
    s.append(delta(' and goes on'));
    expect(engineB.flush()).toBe(true);
  });

  test('§3.7 this process’s own live streams are untouched; its own orphans are finalised', () => {
    const t = tempDb();
    const self = registry(t, 'A');
    const engine = newEngine(t, { owner: 'A' });
    const live = engine.start({ messageId: t.newMessage() });
    const orphan = orphanedStream(t, 'A', ['left over']);
    const report = runRecovery(t, self, (id) => engine.isLive(id));
    expect(report.streamsInterrupted).toBe(1);
    expect(status(t, live.id).status).toBe('streaming');
    expect(status(t, orphan.streamId).status).toBe('interrupted');
  });

  test('§3.7 a finished stream whose snapshot lags its log is rebuilt from the log', () => {
    const t = tempDb();
    const self = registry(t, 'A');
    const engine = newEngine(t, { owner: 'A' });
    const messageId = t.newMessage();
    const s = engine.start({ messageId });
    s.append({ type: 'text-start', id: 't1' });
    s.append(delta('all '));
    s.append(delta('of it'));
    s.complete();
    engine.flush(); // no writer: the crash came before the snapshot write
    expect(t.messages.findStored(messageId)!.snapshotSeq).toBe(-1);
    expect(runRecovery(t, self)).toMatchObject({ messagesRebuilt: 1, streamsInterrupted: 0 });
    expect(t.messages.findStored(messageId)).toMatchObject({
      status: 'complete',
      snapshotSeq: 3,
      error: null,
    });
    expect(text(t, messageId)).toBe('all of it');
    // Up to date now: a second run has nothing to do.
    expect(runRecovery(t, self)).toMatchObject({ messagesRebuilt: 0, streamsInterrupted: 0 });
  });

  test('§3.7 a message keeps its own terminal status when the log has no terminal chunk', () => {
    const t = tempDb();
    const self = registry(t, 'self');
    const { messageId } = orphanedStream(t, 'ghost', ['x']);
    new MessageStore(t.db, t.clock, () => 'unused').writeSnapshot(messageId, {
      parts: [],
      status: 'cancelled',
      error: null,
      snapshotSeq: -1,
    });
    runRecovery(t, self);
    expect(t.messages.findStored(messageId)).toMatchObject({ status: 'cancelled' });
    expect(text(t, messageId)).toBe('x');
  });

  test('§3.7 a message continued by a second stream is rebuilt from both logs in order', () => {
    const t = tempDb();
    const self = registry(t, 'A');
    const engine = newEngine(t, { owner: 'A' });
    const messageId = t.newMessage();
    const first = engine.start({ messageId });
    first.append({ type: 'text-start', id: 't1' });
    first.append(delta('Once upon'));
    first.interrupt();
    engine.flush();
    t.clock.advance(1);
    const second = engine.start({ messageId });
    second.append(delta(' a time', 't1'));
    second.complete();
    engine.flush();
    runRecovery(t, self);
    expect(t.messages.findStored(messageId)).toMatchObject({
      status: 'complete',
      streamId: second.id,
      snapshotSeq: 1,
    });
    expect(text(t, messageId)).toBe('Once upon a time');
  });
});

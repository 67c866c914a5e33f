import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { afterEach, describe, expect, test } from 'vitest';
import { InstanceRegistry } from '../../../electron/core/stream/InstanceRegistry';
import { readProcStat, sameProcessAlive } from '../../../electron/core/stream/processIdentity';
import { recover } from '../../../electron/core/stream/recover';
import { cleanupAll, delta, newEngine, onCleanup, sequentialIds, tempDb, type TestDb } from './helpers';
import { waitFor } from '../../helpers/waitFor';

afterEach(cleanupAll);

const linux = process.platform === 'linux';

function self(t: TestDb): InstanceRegistry {
  const r = new InstanceRegistry(t.db, { id: 'self', kind: 'test', clock: t.clock });
  onCleanup(() => r.stop());
  r.start();
  return r;
}

/** An instances row as another process on this machine would have written it. */
function registerOwner(t: TestDb, id: string, pid: number, procStart: number | null): void {
  t.db
    .prepare(
      `INSERT INTO instances (id, pid, proc_start, hostname, kind, started_at, heartbeat_at)
       VALUES (?, ?, ?, ?, 'test', ?, ?)`,
    )
    .run(id, pid, procStart, os.hostname(), t.clock.now(), t.clock.now());
}

function streamOf(t: TestDb, owner: string): string {
  const engine = newEngine(t, { owner, newId: sequentialIds(`s-${owner}`) });
  const s = engine.start({ messageId: t.newMessage() });
  s.append(delta('said before the crash'));
  engine.flush();
  engine.close();
  return s.id;
}

const streamStatus = (t: TestDb, id: string) =>
  t.db.prepare('SELECT status FROM streams WHERE id = ?').pluck().get(id);

function liveChild(title: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-e', `process.title = ${JSON.stringify(title)}; setInterval(() => {}, 1e6)`],
    {
      stdio: 'ignore',
    },
  );
  onCleanup(() => child.kill('SIGKILL'));
  return child;
}

describe('§3.7 an owner is the process that registered, not whatever holds its pid now', () => {
  test.runIf(linux)(
    'an owner whose pid is alive but belongs to a process started at another time is gone',
    () => {
      const t = tempDb();
      const me = self(t);
      // The pid is alive (this very process), the start time is not the one recorded:
      // the pid was reused after the owner died.
      const realStart = readProcStat(process.pid)!.startTime;
      registerOwner(t, 'dead-owner', process.pid, realStart - 1);
      const streamId = streamOf(t, 'dead-owner');
      expect(me.isAlive('dead-owner')).toBe(false);
      const report = recover({ db: t.db, clock: t.clock, selfId: me.id, isOwnerAlive: (o) => me.isAlive(o) });
      expect(report.streamsInterrupted).toBe(1);
      expect(streamStatus(t, streamId)).toBe('interrupted');
    },
  );

  test.runIf(linux)('an owner whose pid and start time match is alive, and gone once it exits', async () => {
    const t = tempDb();
    const me = self(t);
    const child = liveChild('spool-owner');
    await waitFor(() => readProcStat(child.pid!)?.startTime !== undefined, 'the child to exist');
    registerOwner(t, 'other', child.pid!, readProcStat(child.pid!)!.startTime);
    const streamId = streamOf(t, 'other');
    expect(me.isAlive('other')).toBe(true);
    expect(recover({ db: t.db, clock: t.clock, isOwnerAlive: (o) => me.isAlive(o) }).streamsInterrupted).toBe(
      0,
    );
    expect(streamStatus(t, streamId)).toBe('streaming');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(me.isAlive('other')).toBe(false);
  });

  test('a row without a start time (written where the OS gives none) falls back to pid + heartbeat', () => {
    const t = tempDb();
    const me = self(t);
    registerOwner(t, 'no-start-time', process.pid, null);
    expect(me.isAlive('no-start-time')).toBe(true);
    t.clock.advance(60_000);
    expect(me.isAlive('no-start-time')).toBe(false);
  });

  test.runIf(linux)('this process registers its own start time beside its pid', () => {
    const t = tempDb();
    self(t);
    const row = t.db.prepare('SELECT pid, proc_start FROM instances WHERE id = ?').get('self');
    expect(row).toEqual({ pid: process.pid, proc_start: readProcStat(process.pid)!.startTime });
  });

  test.runIf(linux)(
    'the start time is read right even when the command name holds spaces and parentheses',
    async () => {
      const child = liveChild('a) b (c 1 2');
      await waitFor(() => readProcStat(child.pid!)?.state === 'S', 'the child to settle');
      const ours = readProcStat(process.pid)!;
      const theirs = readProcStat(child.pid!)!;
      // Started after us: a later (or equal, within a clock tick) start time, on the same scale.
      expect(theirs.startTime).toBeGreaterThanOrEqual(ours.startTime);
      expect(theirs.startTime - ours.startTime).toBeLessThan(100 * 3600 * 24);
      expect(sameProcessAlive(child.pid!, theirs.startTime)).toBe(true);
      expect(sameProcessAlive(child.pid!, theirs.startTime + 1)).toBe(false);
    },
  );
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, writeConversation } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 005: the instance’s process start time, and an index of streaming messages', () => {
  it('gives instances already registered a proc_start of NULL, so pid and heartbeat decide for them', () => {
    const before = openAt(tmp.dir, 4);
    before.exec(`INSERT INTO instances (id, pid, hostname, kind, started_at, heartbeat_at)
                 VALUES ('i', 123, 'host', 'desktop', 1, 2)`);
    before.close();
    const db = openAt(tmp.dir, 5);
    expect(db.prepare('SELECT id, pid, proc_start FROM instances').all()).toEqual([
      { id: 'i', pid: 123, proc_start: null },
    ]);
    db.close();
  });

  it('finds streaming messages through the partial index, without scanning every message', () => {
    const before = openAt(tmp.dir, 4);
    writeConversation(before);
    before.close();
    const db = openAt(tmp.dir, 5);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM messages WHERE status = 'streaming'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('messages_streaming');
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
    db.close();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, writeConversation } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 007: the audit trail and local counters', () => {
  it('records a message’s lifecycle for messages that were already there, and drops it with them', () => {
    const before = openAt(tmp.dir, 6);
    writeConversation(before);
    before.close();
    const db = openAt(tmp.dir, 7);
    db.exec("INSERT INTO audit_events (message_id, at, kind, detail) VALUES ('a', 5, 'exported', '{}')");
    expect(db.prepare('SELECT message_id, kind FROM audit_events').all()).toEqual([
      { message_id: 'a', kind: 'exported' },
    ]);
    expect(() => db.exec("INSERT INTO audit_events (message_id, at, kind) VALUES ('nope', 5, 'x')")).toThrow(
      /FOREIGN KEY/,
    );
    db.exec("DELETE FROM messages WHERE id = 'a'");
    expect(db.prepare('SELECT count(*) AS n FROM audit_events').get()).toEqual({ n: 0 });
    db.close();
  });

  it('counts one occurrence per row, a value of 1 unless given', () => {
    openAt(tmp.dir, 6).close();
    const db = openAt(tmp.dir, 7);
    db.exec("INSERT INTO counters (at, name, label) VALUES (10, 'replay', NULL)");
    db.exec("INSERT INTO counters (at, name, label, value, value2) VALUES (11, 'recovery', NULL, 2, 1)");
    expect(db.prepare('SELECT name, value, value2 FROM counters ORDER BY at').all()).toEqual([
      { name: 'replay', value: 1, value2: null },
      { name: 'recovery', value: 2, value2: 1 },
    ]);
    db.close();
  });
});

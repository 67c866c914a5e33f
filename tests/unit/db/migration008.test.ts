import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { buildTree, shownPath, versionsOf } from '../../../shared/tree';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

const chunk = (stream: string, seq: number, text: string) =>
  `INSERT INTO chunks (stream_id, seq, t_ms, type, payload) VALUES ('${stream}', ${seq}, ${seq}, 'text-delta', '${JSON.stringify({ type: 'text-delta', id: 't', delta: text })}');`;

/**
 * A library as schema 7 wrote it: a linear conversation with a finished reply, an
 * interrupted one, and one still 'streaming' whose owner is gone (a crash), plus a
 * second conversation whose messages share a millisecond (order by rowid).
 */
function writeSchema7Library(): void {
  const { db } = openDatabase({ file, migrations: MIGRATIONS.slice(0, 7) });
  expect(userVersion(db)).toBe(7);
  db.exec(`
    INSERT INTO providers (id, kind, name, base_url, created_at, updated_at)
      VALUES ('p1', 'openai-compatible', 'Lab server', 'http://127.0.0.1:1/v1', 1, 1);
    INSERT INTO conversations (id, title, created_at, updated_at, provider, model) VALUES ('c', 'Linear', 1, 1, 'p1', 'm-1');
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at, snapshot_seq) VALUES
      ('u1', 'c', 'user', '[{"type":"text","text":"one"}]', 'complete', 10, 10, -1),
      ('a1', 'c', 'assistant', '[{"type":"text","text":"done"}]', 'complete', 11, 11, 1),
      ('u2', 'c', 'user', '[{"type":"text","text":"two"}]', 'complete', 20, 20, -1),
      ('a2', 'c', 'assistant', '[{"type":"text","text":"cut"}]', 'interrupted', 21, 21, 0),
      ('u3', 'c', 'user', '[{"type":"text","text":"three"}]', 'complete', 30, 30, -1),
      ('a3', 'c', 'assistant', '[]', 'streaming', 31, 31, -1);
    UPDATE messages SET stream_id = 's' || substr(id, 2) WHERE role = 'assistant';
    INSERT INTO instances (id, pid, hostname, kind, started_at, heartbeat_at) VALUES ('gone', 999999999, 'h', 'test', 1, 1);
    INSERT INTO streams (id, message_id, status, provider, model, started_at, last_seq, owner, heartbeat_at) VALUES
      ('s1', 'a1', 'complete', 'p1', 'm-1', 11, 1, NULL, NULL),
      ('s2', 'a2', 'interrupted', 'p1', 'm-2', 21, 0, NULL, NULL),
      ('s3', 'a3', 'streaming', 'p1', 'm-3', 31, 1, 'gone', 1);
    ${chunk('s1', 0, 'do')} ${chunk('s1', 1, 'ne')} ${chunk('s2', 0, 'cut')}
    ${chunk('s3', 0, 'still ')} ${chunk('s3', 1, 'going')}
    INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('tie', 'Same ms', 5, 5);
    INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at) VALUES
      ('t1', 'tie', 'user', '[{"type":"text","text":"q"}]', 'complete', 5, 5),
      ('t2', 'tie', 'assistant', '[{"type":"text","text":"a"}]', 'complete', 5, 5);
  `);
  db.close();
}

describe('migration 008: message tree', () => {
  it('turns each linear conversation into one branch, in the order it showed', () => {
    writeSchema7Library();
    const { db } = openDatabase({ file });
    expect(userVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const parents = db
      .prepare("SELECT id, parent_id FROM messages WHERE conversation_id = 'c' ORDER BY rowid")
      .all();
    expect(parents).toEqual([
      { id: 'u1', parent_id: null },
      { id: 'a1', parent_id: 'u1' },
      { id: 'u2', parent_id: 'a1' },
      { id: 'a2', parent_id: 'u2' },
      { id: 'u3', parent_id: 'a2' },
      { id: 'a3', parent_id: 'u3' },
    ]);
    const tie = db
      .prepare("SELECT id, parent_id FROM messages WHERE conversation_id = 'tie' ORDER BY rowid")
      .all();
    expect(tie).toEqual([
      { id: 't1', parent_id: null },
      { id: 't2', parent_id: 't1' },
    ]);
    db.close();
  });

  it('records who answered each reply from its latest stream, with the provider name', () => {
    writeSchema7Library();
    const { db } = openDatabase({ file });
    const who = db
      .prepare(
        "SELECT id, provider_id, provider_name, model FROM messages WHERE role = 'assistant' AND conversation_id = 'c' ORDER BY rowid",
      )
      .all();
    expect(who).toEqual([
      { id: 'a1', provider_id: 'p1', provider_name: 'Lab server', model: 'm-1' },
      { id: 'a2', provider_id: 'p1', provider_name: 'Lab server', model: 'm-2' },
      { id: 'a3', provider_id: 'p1', provider_name: 'Lab server', model: 'm-3' },
    ]);
    db.close();
  });

  it('opens as a core whose shown branch is the old conversation, crashed reply recovered', async () => {
    writeSchema7Library();
    const core = SpoolCore.open({ dataDir: tmp.dir, mode: 'test', env: {}, log: () => {} });
    try {
      const messages = core.messages.list('c');
      const path = shownPath(messages);
      expect(path.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2', 'u3', 'a3']);
      expect(path.map((m) => m.status)).toEqual([
        'complete',
        'complete',
        'complete',
        'interrupted',
        'complete',
        'interrupted',
      ]);
      // The crashed reply keeps every committed chunk.
      expect(path.at(-1)!.parts).toEqual([expect.objectContaining({ type: 'text', text: 'still going' })]);
      expect(versionsOf(buildTree(messages), 'a2')).toMatchObject({ index: 1, count: 1 });
    } finally {
      await core.close();
    }
  });

  it('cascades a deleted message to what hangs below it, streams and chunks included', () => {
    writeSchema7Library();
    const { db } = openDatabase({ file });
    db.prepare("DELETE FROM messages WHERE id = 'u2'").run();
    expect(
      db.prepare("SELECT id FROM messages WHERE conversation_id = 'c' ORDER BY rowid").pluck().all(),
    ).toEqual(['u1', 'a1']);
    expect(db.prepare("SELECT count(*) FROM chunks WHERE stream_id IN ('s2', 's3')").pluck().get()).toBe(0);
    db.close();
  });
});

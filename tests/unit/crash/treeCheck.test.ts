import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { databasePath } from '../../../electron/core/paths';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';
import { checkAfterRecovery } from '../../torture/checkLog';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

interface Library {
  dir: string;
  /** Conversation a: question → reply, then the question edited (shown). Conversation b: one message. */
  ids: { a: string; b: string; question: string; reply: string; edited: string; other: string };
}

/** A real library written by the store, the way the torture's check finds one. */
async function library(): Promise<Library> {
  const { dir, cleanup } = makeTempDir('spool-tree-check-');
  cleanups.push(cleanup);
  const core = SpoolCore.open({ dataDir: dir, mode: 'test', log: () => {} });
  const a = core.conversations.create('a').id;
  const b = core.conversations.create('b').id;
  const insert = (conversationId: string, parentId: string | null, role: 'user' | 'assistant') =>
    core.messages.insert({ conversationId, parentId, role, parts: [{ type: 'text', text: role }] }).id;
  const question = insert(a, null, 'user');
  const reply = insert(a, question, 'assistant');
  const edited = insert(a, null, 'user');
  const other = insert(b, null, 'user');
  await core.close();
  return { dir, ids: { a, b, question, reply, edited, other } };
}

function sql(dir: string, statement: string, ...params: unknown[]): void {
  const db = new BetterSqlite3(databasePath(dir));
  db.prepare(statement).run(...params);
  db.close();
}

function check(lib: Library, shown: [string, string][] = []) {
  return checkAfterRecovery(lib.dir, {
    instanceId: 'nobody',
    published: new Map(),
    shown: new Map(shown),
    known: new Set(Object.values(lib.ids).filter((id) => id !== lib.ids.a && id !== lib.ids.b)),
  });
}

describe('the crash check over the conversation tree', () => {
  test('passes a library whose shown branches resolve through the versions committed as shown', async () => {
    const lib = await library();
    const result = check(lib, [[lib.ids.a, lib.ids.edited]]);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ messages: 4, treeFaults: 0, shownBranchLost: 0, versionsLost: 0 });
  });

  test('counts a version committed as shown that the shown branch no longer goes through', async () => {
    const lib = await library();
    expect(check(lib, [[lib.ids.a, lib.ids.reply]]).shownBranchLost).toBe(1);
  });

  test('counts a version that is gone and one marked deleted', async () => {
    const lib = await library();
    sql(lib.dir, 'DELETE FROM messages WHERE id = ?', lib.ids.reply);
    sql(lib.dir, 'UPDATE messages SET deleted_at = 1 WHERE id = ?', lib.ids.other);
    expect(check(lib).versionsLost).toBe(2);
  });

  test('counts a message whose parent is in another conversation', async () => {
    const lib = await library();
    sql(lib.dir, 'UPDATE messages SET parent_id = ? WHERE id = ?', lib.ids.question, lib.ids.other);
    const result = check(lib);
    expect(result.treeFaults).toBe(1);
    expect(result.problems.join('\n')).toContain('is in another conversation');
  });

  test('counts a parent chain that comes back to itself', async () => {
    const lib = await library();
    sql(lib.dir, 'UPDATE messages SET parent_id = ? WHERE id = ?', lib.ids.reply, lib.ids.question);
    const result = check(lib);
    expect(result.treeFaults).toBe(1);
    expect(result.problems.join('\n')).toContain('is its own ancestor');
  });

  test('counts a conversation whose shown branch does not resolve at all', async () => {
    const lib = await library();
    // Its only message hangs from itself: there is no first message to start from.
    sql(lib.dir, 'UPDATE messages SET parent_id = id WHERE id = ?', lib.ids.other);
    const result = check(lib);
    expect(result.treeFaults).toBe(2);
    expect(result.problems.join('\n')).toContain('the shown branch is empty');
  });
});

import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { DEFAULT_TEXT, SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { loggedText } from '../export/helpers';
import { listJson, spool, tempDir, useFakeProvider } from './helpers';

/**
 * `spool regenerate` and `spool continue`: every version kept, printed like `spool chat`.
 * Each `spool` is a real child process (seconds each on a loaded machine): what the
 * test only needs to look at is read from the database with plain SQL instead.
 */

const fake = useFakeProvider();
const SLOW = 90_000;

interface Row {
  id: string;
  parent_id: string | null;
  role: string;
  status: string;
  model: string | null;
}

/** The library's messages in creation order, and each one's text as its chunk log holds it. */
function readLibrary(dir: string): { messages: Row[]; logged(id: string): string } {
  const db = new BetterSqlite3(path.join(dir, 'spool.db'), { readonly: true });
  try {
    const messages = db
      .prepare('SELECT id, parent_id, role, status, model FROM messages ORDER BY created_at, rowid')
      .all() as Row[];
    const texts = new Map<string, string>();
    for (const m of messages) {
      const streams = db
        .prepare('SELECT id FROM streams WHERE message_id = ? ORDER BY started_at, rowid')
        .pluck()
        .all(m.id) as string[];
      texts.set(m.id, streams.map((s) => loggedText(db, s)).join(''));
    }
    return { messages, logged: (id) => texts.get(id)! };
  } finally {
    db.close();
  }
}

/** A library with one exchange, made by `spool chat`; its user message and reply ids. */
async function chatted(model: string, expectCode = 0) {
  const dir = tempDir();
  const run = await spool(['chat', '--data-dir', dir, ...fake.chatArgs(model), 'tell me']);
  expect(run.code).toBe(expectCode);
  const [user, reply] = readLibrary(dir).messages;
  return { dir, userId: user!.id, replyId: reply!.id, printed: run.stdout.toString('utf8') };
}

describe('spool regenerate', () => {
  test(
    'prints the new version, keeps the old one, and list --json shows which is shown',
    async () => {
      const { dir, userId, replyId } = await chatted('script:hello');
      const run = await spool(['regenerate', replyId, '--model', 'script:split-utf8', '--data-dir', dir]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.toString('utf8')).toBe(SPLIT_UTF8_TEXT);

      const messages = (await listJson(dir)).conversations[0]!.messages;
      expect(messages.map((m) => [m.role, m.parentId, m.shown, m.version])).toEqual([
        ['user', null, true, { index: 1, count: 1 }],
        ['assistant', userId, false, { index: 1, count: 2 }],
        ['assistant', userId, true, { index: 2, count: 2 }],
      ]);
      expect(messages[2]!.model).toBe('script:split-utf8');
      const library = readLibrary(dir);
      expect(library.logged(replyId)).toBe(DEFAULT_TEXT);
      expect(library.logged(messages[2]!.id)).toBe(SPLIT_UTF8_TEXT);
    },
    SLOW,
  );

  test(
    'exports a version that is not shown in every per-message format',
    async () => {
      const { dir, replyId } = await chatted('script:hello');
      expect((await spool(['regenerate', replyId, '--data-dir', dir])).code).toBe(0);
      const runs = await Promise.all(
        ['text', 'md', 'jsonl', 'raw'].map((format) =>
          spool(['export', replyId, '--format', format, '--data-dir', dir]),
        ),
      );
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      const [text, md, jsonl, raw] = runs.map((r) => r.stdout.toString('utf8'));
      expect(text).toBe(DEFAULT_TEXT);
      expect(md).toContain('version 1 of 2 (not shown)');
      const deltas = jsonl!
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { payload: { type: string; delta?: string } })
        .filter((l) => l.payload.type === 'text-delta');
      expect(deltas.map((l) => l.payload.delta).join('')).toBe(DEFAULT_TEXT);
      expect(raw!.trimEnd().split('\n').length).toBeGreaterThan(0);
    },
    SLOW,
  );

  test(
    'exits 1 when the provider fails the new version, having printed only what was committed',
    async () => {
      const { dir, replyId } = await chatted('script:hello');
      const run = await spool(['regenerate', replyId, '--model', 'script:error-after-3', '--data-dir', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('the provider failed the reply');
      const library = readLibrary(dir);
      const newest = library.messages.at(-1)!;
      expect(newest).toMatchObject({ role: 'assistant', status: 'error', model: 'script:error-after-3' });
      expect(run.stdout.toString('utf8')).toBe(library.logged(newest.id));
      expect(run.stdout.length).toBeGreaterThan(0);
    },
    SLOW,
  );
});

describe('spool continue', () => {
  test(
    'carries on a cut reply as a new stream of the same message and prints what it added',
    async () => {
      const { dir, replyId, printed } = await chatted('script:cut-after-5', 1);
      const before = readLibrary(dir).logged(replyId);
      expect(before).toBe(printed);
      const run = await spool(['continue', replyId, '--model', 'script:hello', '--data-dir', dir]);
      expect(run.code).toBe(0);
      const added = run.stdout.toString('utf8');
      expect(added.length).toBeGreaterThan(0);
      const after = readLibrary(dir);
      expect(after.logged(replyId)).toBe(before + added);
      expect(after.messages).toHaveLength(2);
      expect(after.messages[1]).toMatchObject({ id: replyId, status: 'complete', model: 'script:hello' });
    },
    SLOW,
  );
});

describe('bad input to regenerate and continue', () => {
  test(
    'an unknown id exits 5 and a user message exits 8, changing nothing',
    async () => {
      const { dir, userId } = await chatted('script:hello');
      const runs = await Promise.all([
        spool(['regenerate', 'no-such-id', '--data-dir', dir]),
        spool(['continue', 'no-such-id', '--data-dir', dir]),
        spool(['regenerate', userId, '--base-url', 'http://127.0.0.1:9/v1', '--data-dir', dir]),
        spool(['continue', userId, '--data-dir', dir]),
      ]);
      expect(runs.map((r) => r.code)).toEqual([5, 5, 8, 8]);
      expect(runs[0]!.stderr).toContain('no message with id no-such-id');
      expect(runs[2]!.stderr).toContain('is a user message, not a reply');
      expect(runs.every((r) => r.stdout.length === 0)).toBe(true);
      expect(readLibrary(dir).messages).toHaveLength(2);
      // Not even the ad-hoc provider of --base-url was saved.
      const db = new BetterSqlite3(path.join(dir, 'spool.db'), { readonly: true });
      expect(db.prepare('SELECT base_url FROM providers').pluck().all()).toEqual([`${fake.url()}/v1`]);
      db.close();
    },
    SLOW,
  );

  test(
    'continuing a complete reply exits 8; no id, or no library, is 2 or 6',
    async () => {
      const { dir, replyId } = await chatted('script:hello');
      const empty = tempDir();
      const [complete, noId, noLibrary] = await Promise.all([
        spool(['continue', replyId, '--data-dir', dir]),
        spool(['regenerate', '--data-dir', dir]),
        spool(['regenerate', 'x', '--data-dir', empty]),
      ]);
      expect(complete.code).toBe(8);
      expect(complete.stderr).toContain('this one is complete');
      expect(noId.code).toBe(2);
      expect(noId.stderr).toContain('Usage: spool regenerate MESSAGE_ID');
      expect(noLibrary.code).toBe(6);
    },
    SLOW,
  );
});

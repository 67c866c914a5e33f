import { afterEach, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../shared/api/schemas/library';
import { shownPath } from '../../../shared/tree';
import { openLibrary, type LibraryTest } from './helpers';

let t: LibraryTest;
afterEach(() => t.cleanup());

const say = (text: string) => [{ type: 'text' as const, text }];
const search = async (query: string) =>
  (await t.ok<{ results: SearchResult[] }>('library.search', { query })).results;

/**
 *   q ─┬─ a1 "zebra crossing" ── q2 "and the okapi?" ── b
 *      └─ a2 "a giraffe"                                     ← shown
 */
function branched() {
  const {
    conversationId,
    userId: q,
    replyId: a1,
  } = t.exchange('Animals', 'which animal?', 'A zebra crossing.');
  const q2 = t.core.messages.insert({
    conversationId,
    parentId: a1,
    role: 'user',
    parts: say('and the okapi?'),
  }).id;
  const b = t.core.messages.insert({ conversationId, parentId: q2, role: 'assistant', parts: say('shy') }).id;
  const a2 = t.core.messages.insert({
    conversationId,
    parentId: q,
    role: 'assistant',
    parts: say('A giraffe.'),
  }).id;
  return { conversationId, q, a1, q2, b, a2 };
}

describe('library.search over versions', () => {
  it('finds text that only an older version has, and says which version it is and that it is not shown', async () => {
    t = openLibrary();
    const { a1, a2 } = branched();
    expect(await search('zebra')).toEqual([
      expect.objectContaining({ messageId: a1, version: { index: 1, count: 2 }, shown: false }),
    ]);
    expect(await search('giraffe')).toEqual([
      expect.objectContaining({ messageId: a2, version: { index: 2, count: 2 }, shown: true }),
    ]);
  });

  it('finds what follows a version that is not shown, as not shown', async () => {
    t = openLibrary();
    const { q2 } = branched();
    expect(await search('okapi')).toEqual([
      expect.objectContaining({ messageId: q2, role: 'user', version: { index: 1, count: 1 }, shown: false }),
    ]);
  });

  it('reports a found version as shown once it is selected', async () => {
    t = openLibrary();
    const { conversationId, a1 } = branched();
    await t.ok('messages.select', { messageId: a1 });
    expect(shownPath(t.core.messages.list(conversationId)).map((m) => m.id)).toContain(a1);
    expect((await search('zebra'))[0]).toMatchObject({
      messageId: a1,
      shown: true,
      version: { index: 1, count: 2 },
    });
  });

  it('leaves out a deleted version and what hung below it, and finds them again after Undo', async () => {
    t = openLibrary({ library: { undoWindowMs: 10_000 } });
    const { a1, a2 } = branched();
    await t.ok('messages.delete', { messageId: a1, scope: 'version' });
    expect(await search('zebra')).toEqual([]);
    expect(await search('okapi')).toEqual([]);
    // The one version left is the only one.
    expect((await search('giraffe'))[0]).toMatchObject({
      messageId: a2,
      version: { index: 1, count: 1 },
      shown: true,
    });
    await t.ok('messages.restore', { messageId: a1 });
    expect((await search('zebra')).map((r) => r.messageId)).toEqual([a1]);
  });

  it('leaves out a deleted version in the substring search (emoji) too', async () => {
    t = openLibrary({ library: { undoWindowMs: 10_000 } });
    const { conversationId, q } = branched();
    const old = t.core.messages.insert({
      conversationId,
      parentId: q,
      role: 'assistant',
      parts: say('🦓 only here'),
    }).id;
    expect((await search('🦓')).map((r) => [r.messageId, r.version])).toEqual([
      [old, { index: 3, count: 3 }],
    ]);
    await t.ok('messages.delete', { messageId: old, scope: 'version' });
    expect(await search('🦓')).toEqual([]);
  });
});

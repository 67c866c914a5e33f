import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/api/schemas/messages';
import { shownPath } from '../../../shared/tree';
import { manualClock } from '../stream/helpers';
import { openLibrary, type LibraryTest } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

let t: LibraryTest;
afterEach(() => t.cleanup());

const say = (text: string) => [{ type: 'text' as const, text }];

/**
 * q → a1 → q2 → b; and a second version a2 of the reply to q (shown), i.e.
 *   q ─┬─ a1 ── q2 ── b
 *      └─ a2
 */
function branched(t: LibraryTest) {
  const { conversationId, userId: q, replyId: a1 } = t.exchange('Tree', 'q', 'a1');
  const q2 = t.core.messages.insert({ conversationId, parentId: a1, role: 'user', parts: say('q2') }).id;
  const b = t.core.messages.insert({ conversationId, parentId: q2, role: 'assistant', parts: say('b') }).id;
  const a2 = t.core.messages.insert({ conversationId, parentId: q, role: 'assistant', parts: say('a2') }).id;
  return { conversationId, q, a1, q2, b, a2 };
}

const shownIds = (t: LibraryTest, conversationId: string) =>
  shownPath(t.core.messages.list(conversationId)).map((m) => m.id);

describe('messages.select', () => {
  it('shows a version and, below it, the branch it had when last shown', async () => {
    t = openLibrary();
    const { conversationId, q, a1, q2, b, a2 } = branched(t);
    expect(shownIds(t, conversationId)).toEqual([q, a2]);
    const selected = await t.ok<{ messages: Message[] }>('messages.select', { messageId: a1 });
    expect(shownPath(selected.messages).map((m) => m.id)).toEqual([q, a1, q2, b]);
    expect(shownIds(t, conversationId)).toEqual([q, a1, q2, b]);
  });

  it('survives a reopen of the library', async () => {
    t = openLibrary();
    const { conversationId, q, a1, q2, b } = branched(t);
    await t.ok('messages.select', { messageId: b });
    const reopened = await t.reopen();
    expect(shownPath(reopened.core.messages.list(conversationId)).map((m) => m.id)).toEqual([q, a1, q2, b]);
  });

  it('wins over a version created in the same millisecond', async () => {
    const clock = manualClock();
    t = openLibrary({ clock });
    const { conversationId, a1, q2, b } = branched(t);
    await t.ok('messages.select', { messageId: a1 });
    expect(shownIds(t, conversationId).slice(1)).toEqual([a1, q2, b]);
  });

  it('tells every window the tree changed, and answers NOT_FOUND for an unknown id', async () => {
    t = openLibrary();
    const { conversationId, a1 } = branched(t);
    await t.ok('messages.select', { messageId: a1 });
    expect(t.recorded.events.filter((e) => e.name === 'messages.changed').at(-1)!.payload).toEqual({
      conversationId,
    });
    expect(await t.call('messages.select', { messageId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('messages.delete', () => {
  it('deletes a version with what hangs below it, and the other version is shown', async () => {
    t = openLibrary({ library: { undoWindowMs: 10_000 } });
    const { conversationId, q, a1, q2, b, a2 } = branched(t);
    await t.ok('messages.select', { messageId: b });
    const deleted = await t.ok<{ rootId: string; deletedIds: string[] }>('messages.delete', {
      messageId: a1,
      scope: 'version',
    });
    expect(deleted.rootId).toBe(a1);
    expect(deleted.deletedIds.sort()).toEqual([a1, q2, b].sort());
    expect(shownIds(t, conversationId)).toEqual([q, a2]);
    expect(await t.call('messages.list', { conversationId })).toMatchObject({
      ok: true,
      data: { length: 2 },
    });
    expect(await t.call('chat.continue', { messageId: b })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('deletes a branch from where it forks off', async () => {
    t = openLibrary({ library: { undoWindowMs: 10_000 } });
    const { conversationId, q, a1, q2, b, a2 } = branched(t);
    const deleted = await t.ok<{ rootId: string; deletedIds: string[] }>('messages.delete', {
      messageId: b,
      scope: 'branch',
    });
    expect(deleted.rootId).toBe(a1);
    expect(deleted.deletedIds.sort()).toEqual([a1, q2, b].sort());
    expect(shownIds(t, conversationId)).toEqual([q, a2]);
  });

  it('refuses a branch delete where the line has no other version, changing nothing', async () => {
    t = openLibrary();
    const { conversationId, userId } = t.exchange('One line', 'q', 'a');
    expect(await t.call('messages.delete', { messageId: userId, scope: 'branch' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(t.core.messages.list(conversationId)).toHaveLength(2);
  });

  it('is undone whole by messages.restore within the window', async () => {
    const clock = manualClock();
    t = openLibrary({ clock, library: { undoWindowMs: 10_000 } });
    const { conversationId, q, a1, q2, b } = branched(t);
    await t.ok('messages.select', { messageId: b });
    await t.ok('messages.delete', { messageId: a1, scope: 'version' });
    clock.advance(9_000);
    await t.ok('messages.restore', { messageId: a1 });
    expect(shownIds(t, conversationId)).toEqual([q, a1, q2, b]);
  });

  it('is purged after the window, streams and chunk logs with it, and Undo then is NOT_FOUND', async () => {
    const clock = manualClock();
    t = openLibrary({ clock, library: { undoWindowMs: 10_000 } });
    const { a1, q2, b } = branched(t);
    const stream = t.core.engine.start({ messageId: b });
    await stream.complete();
    await waitFor(() => t.core.messages.findStored(b)!.status === 'complete', 'the stream to end');
    await t.ok('messages.delete', { messageId: a1, scope: 'version' });
    clock.advance(10_001);
    expect(t.core.versions.purgeExpired()).toBeGreaterThan(0);
    for (const id of [a1, q2, b]) expect(t.core.messages.findStored(id)).toBeUndefined();
    expect(
      libraryDb(t.core).prepare('SELECT count(*) FROM streams WHERE id = ?').pluck().get(stream.id),
    ).toBe(0);
    expect(await t.call('messages.restore', { messageId: a1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('purges at the next launch what the last run left in its window', async () => {
    const clock = manualClock();
    t = openLibrary({ clock, library: { undoWindowMs: 10_000 } });
    const { a1 } = branched(t);
    await t.ok('messages.delete', { messageId: a1, scope: 'version' });
    clock.advance(20_000);
    const reopened = await t.reopen({ clock });
    expect(reopened.core.messages.findStored(a1)).toBeUndefined();
  });
});

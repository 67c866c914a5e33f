import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { manualClock } from '../stream/helpers';
import { openLibrary, type LibraryTest } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

let t: LibraryTest;
afterEach(() => t.cleanup());

const titles = async () => (await t.ok<Conversation[]>('conversations.list', {})).map((c) => c.title);
const create = async (title: string) => (await t.ok<Conversation>('conversations.create', { title })).id;

describe('pinning', () => {
  it('puts pinned conversations first, the most recently pinned on top, and unpinning puts one back', async () => {
    const clock = manualClock();
    t = openLibrary({ clock });
    const a = await create('a');
    clock.advance(1);
    const b = await create('b');
    clock.advance(1);
    await create('c');
    expect(await titles()).toEqual(['c', 'b', 'a']);
    clock.advance(1);
    await t.ok('conversations.pin', { id: a, pinned: true });
    clock.advance(1);
    await t.ok('conversations.pin', { id: b, pinned: true });
    expect(await titles()).toEqual(['b', 'a', 'c']);
    await t.ok('conversations.pin', { id: b, pinned: false });
    expect(await titles()).toEqual(['a', 'c', 'b']);
  });

  it('survives a reopen and is announced to every window', async () => {
    t = openLibrary();
    const id = await create('pinned');
    await create('newer');
    const pinned = await t.ok<Conversation>('conversations.pin', { id, pinned: true });
    expect(pinned.pinnedAt).toEqual(expect.any(Number));
    const changed = t.recorded.events.filter((e) => e.name === 'conversations.delta').at(-1)!;
    expect(changed.payload).toMatchObject({
      type: 'upsert',
      conversation: { id, pinnedAt: pinned.pinnedAt },
    });
    const reopened = await t.reopen();
    expect(reopened.core.conversations.list().map((c) => c.title)).toEqual(['pinned', 'newer']);
  });

  it('answers NOT_FOUND for an unknown conversation', async () => {
    t = openLibrary();
    expect(await t.call('conversations.pin', { id: 'nope', pinned: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('delete with undo', () => {
  it('hides the conversation at once and says until when Undo is possible', async () => {
    const clock = manualClock();
    t = openLibrary({ clock, library: { undoWindowMs: 10_000 } });
    const { conversationId } = t.exchange('Doomed', 'q', 'a');
    const reply = await t.ok<{ undoableUntil: number }>('conversations.delete', { id: conversationId });
    expect(reply.undoableUntil).toBe(clock.now() + 10_000);
    expect(await titles()).toEqual([]);
    expect(await t.call('messages.list', { conversationId })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('Undo brings it back with its messages, in its place', async () => {
    t = openLibrary();
    const { conversationId, replyId } = t.exchange('Kept', 'q', 'a');
    await t.ok('conversations.delete', { id: conversationId });
    const restored = await t.ok<Conversation>('conversations.restore', { id: conversationId });
    expect(restored.title).toBe('Kept');
    expect(await titles()).toEqual(['Kept']);
    const messages = await t.ok<{ id: string }[]>('messages.list', { conversationId });
    expect(messages.map((m) => m.id)).toContain(replyId);
  });

  it('purges it with its messages, streams and chunks once the undo window has passed', async () => {
    t = openLibrary({ library: { undoWindowMs: 30 } });
    const { conversationId } = t.exchange('Purged', 'q', 'a');
    await t.ok('conversations.delete', { id: conversationId });
    await waitFor(
      () => libraryDb(t.core).prepare('SELECT COUNT(*) FROM messages').pluck().get() === 0,
      'the purge after the undo window',
    );
    expect(libraryDb(t.core).prepare('SELECT COUNT(*) FROM conversations').pluck().get()).toBe(0);
    expect(await t.call('conversations.restore', { id: conversationId })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('purges at the next launch what the last run left in its undo window', async () => {
    const clock = manualClock();
    t = openLibrary({ clock, library: { undoWindowMs: 10_000 } });
    const { conversationId } = t.exchange('Left behind', 'q', 'a');
    await t.ok('conversations.delete', { id: conversationId });
    clock.advance(10_001);
    const reopened = await t.reopen();
    expect(libraryDb(reopened.core).prepare('SELECT COUNT(*) FROM conversations').pluck().get()).toBe(0);
  });

  it('keeps a deletion still in its undo window across a quick restart', async () => {
    const clock = manualClock();
    t = openLibrary({ clock, library: { undoWindowMs: 10_000 } });
    const { conversationId } = t.exchange('Quick restart', 'q', 'a');
    await t.ok('conversations.delete', { id: conversationId });
    const reopened = await t.reopen();
    expect((await reopened.ok<Conversation>('conversations.restore', { id: conversationId })).title).toBe(
      'Quick restart',
    );
  });

  it('refuses to restore a conversation that is not deleted', async () => {
    t = openLibrary();
    const id = await create('alive');
    expect(await t.call('conversations.restore', { id })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

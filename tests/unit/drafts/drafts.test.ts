import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databasePath } from '../../../electron/core/paths';
import { openLibrary, type LibraryTest } from '../library/helpers';
import { coreConnection } from '../../helpers/libraryDb';

const storedDraft = (t: LibraryTest, conversationId: string): string | null => {
  const db = new Database(databasePath(t.dir), { readonly: true });
  try {
    const row = db.prepare('SELECT text FROM drafts WHERE conversation_id = ?').get(conversationId) as
      { text: string } | undefined;
    return row?.text ?? null;
  } finally {
    db.close();
  }
};

describe('drafts', () => {
  let t: LibraryTest;
  afterEach(async () => {
    vi.useRealTimers();
    await t.cleanup();
  });

  it('coalesces a burst of keystrokes into one write of the last text once typing pauses', async () => {
    t = openLibrary();
    const { id } = t.core.conversations.create('c');
    const put = vi.spyOn(t.core.drafts['store'], 'put');
    for (const text of ['H', 'He', 'Hel', 'Hell', 'Hello'])
      await t.ok('drafts.set', { conversationId: id, text });
    expect(put).not.toHaveBeenCalled();
    expect(await t.ok('drafts.get', { conversationId: id })).toMatchObject({ text: 'Hello' });
    await vi.waitFor(() => expect(put).toHaveBeenCalledTimes(1));
    expect(put.mock.calls[0]!.slice(0, 2)).toEqual([id, 'Hello']);
    expect(storedDraft(t, id)).toBe('Hello');
  });

  it('keeps drafts of different conversations apart', async () => {
    t = openLibrary();
    const a = t.core.conversations.create('a').id;
    const b = t.core.conversations.create('b').id;
    await t.ok('drafts.set', { conversationId: a, text: 'for a' });
    await t.ok('drafts.set', { conversationId: b, text: 'for b' });
    t.core.flushAll();
    expect([storedDraft(t, a), storedDraft(t, b)]).toEqual(['for a', 'for b']);
  });

  it('writes a pending draft when the core closes, so it is there after reopening', async () => {
    t = openLibrary();
    const { id } = t.core.conversations.create('c');
    await t.ok('drafts.set', { conversationId: id, text: 'half a thought' });
    const reopened = await t.reopen();
    expect(await reopened.ok('drafts.get', { conversationId: id })).toMatchObject({ text: 'half a thought' });
  });

  it('writes pending drafts when a window disconnects', async () => {
    t = openLibrary();
    const { id } = t.core.conversations.create('c');
    await t.ok('drafts.set', { conversationId: id, text: 'typed, then the window closed' });
    t.client.dispose();
    expect(storedDraft(t, id)).toBe('typed, then the window closed');
  });

  it('clears a draft at once when it is set to empty (a sent message does not come back)', async () => {
    t = openLibrary();
    const { id } = t.core.conversations.create('c');
    await t.ok('drafts.set', { conversationId: id, text: 'about to send' });
    t.core.flushAll();
    await t.ok('drafts.set', { conversationId: id, text: '' });
    expect(storedDraft(t, id)).toBeNull();
    expect(await t.ok('drafts.get', { conversationId: id })).toEqual({
      conversationId: id,
      text: '',
      updatedAt: null,
    });
  });

  it('drops a draft for a conversation that no longer exists instead of failing', async () => {
    t = openLibrary();
    await t.ok('drafts.set', { conversationId: 'gone', text: 'orphan' });
    expect(t.core.flushAll()).toBe(true);
    expect(t.recorded.internalErrors).toEqual([]);
    expect(await t.ok('drafts.get', { conversationId: 'gone' })).toMatchObject({ text: '' });
  });

  it('keeps the text in memory when storage refuses the write, and writes it once storage recovers', async () => {
    t = openLibrary();
    const { id } = t.core.conversations.create('c');
    const pageCount = coreConnection(t.core).pragma('page_count', { simple: true }) as number;
    coreConnection(t.core).pragma(`max_page_count = ${pageCount}`);
    await t.ok('drafts.set', { conversationId: id, text: 'x'.repeat(200_000) });
    expect(t.core.drafts.flushAll()).toBe(false);
    expect(t.recorded.internalErrors.some((e) => e.where === 'drafts.write')).toBe(true);
    expect(await t.ok('drafts.get', { conversationId: id })).toMatchObject({ text: 'x'.repeat(200_000) });
    coreConnection(t.core).pragma('max_page_count = 1073741823');
    expect(t.core.drafts.flushAll()).toBe(true);
    expect(storedDraft(t, id)).toHaveLength(200_000);
  });

  it('answers a malformed draft with a typed error', async () => {
    t = openLibrary();
    const { id } = t.core.conversations.create('c');
    const bad = await t.call('drafts.set', { conversationId: id, text: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

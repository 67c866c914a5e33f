import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, ConversationPage } from '../../../shared/api/schemas/conversations';
import type { Folder } from '../../../shared/api/schemas/folders';
import { openLibrary, type LibraryTest } from '../library/helpers';

let t: LibraryTest;
afterEach(() => t.cleanup());

const folder = (name: string) => t.ok<Folder>('folders.create', { name });
const conversation = (title: string) => t.ok<Conversation>('conversations.create', { title });
const titlesIn = async (folderId: string) =>
  (await t.ok<ConversationPage>('conversations.page', { folderId })).conversations.map((c) => c.title);

describe('folders', () => {
  it('are listed by name, whatever order they were created in', async () => {
    t = openLibrary();
    await folder('work');
    await folder('Home');
    expect((await t.ok<Folder[]>('folders.list', {})).map((f) => f.name)).toEqual(['Home', 'work']);
  });

  it('refuse an empty name with BAD_REQUEST', async () => {
    t = openLibrary();
    expect(await t.call('folders.create', { name: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('can be renamed, and renaming one that does not exist is NOT_FOUND', async () => {
    t = openLibrary();
    const f = await folder('Wrok');
    expect(await t.ok('folders.rename', { id: f.id, name: 'Work' })).toMatchObject({ name: 'Work' });
    expect(await t.call('folders.rename', { id: 'nope', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('hold the conversations moved into them, and only those', async () => {
    t = openLibrary();
    const f = await folder('Work');
    const inside = await conversation('inside');
    await conversation('outside');
    expect(await t.ok('conversations.move', { id: inside.id, folderId: f.id })).toMatchObject({
      folderId: f.id,
    });
    expect(await titlesIn(f.id)).toEqual(['inside']);
  });

  it('refuse a move into a folder that does not exist with NOT_FOUND, leaving the conversation where it was', async () => {
    t = openLibrary();
    const c = await conversation('c');
    expect(await t.call('conversations.move', { id: c.id, folderId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.core.conversations.get(c.id).folderId).toBeNull();
  });

  it('keep a moved conversation in its place in the list', async () => {
    t = openLibrary();
    const f = await folder('Work');
    const c = await conversation('c');
    expect((await t.ok<Conversation>('conversations.move', { id: c.id, folderId: f.id })).updatedAt).toBe(
      c.updatedAt,
    );
  });

  it('when deleted leave their conversations in no folder, and tell every window', async () => {
    t = openLibrary();
    const f = await folder('Work');
    const c = await conversation('c');
    await t.ok('conversations.move', { id: c.id, folderId: f.id });
    await t.ok('folders.delete', { id: f.id });
    expect(t.core.conversations.get(c.id).folderId).toBeNull();
    const changed = t.recorded.events.filter((e) => e.name === 'folders.changed');
    expect(changed.at(-1)!.payload).toEqual({ folders: [] });
  });

  it('cannot be paged once deleted: NOT_FOUND rather than an empty folder', async () => {
    t = openLibrary();
    const f = await folder('Work');
    await t.ok('folders.delete', { id: f.id });
    expect(await t.call('conversations.page', { folderId: f.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('moving a conversation out of its folder is a move to null', async () => {
    t = openLibrary();
    const f = await folder('Work');
    const c = await conversation('c');
    await t.ok('conversations.move', { id: c.id, folderId: f.id });
    await t.ok('conversations.move', { id: c.id, folderId: null });
    expect(await titlesIn(f.id)).toEqual([]);
  });
});

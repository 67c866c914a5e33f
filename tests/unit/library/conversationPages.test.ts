import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, ConversationPage } from '../../../shared/api/schemas/conversations';
import { manualClock } from '../stream/helpers';
import { openLibrary, type LibraryTest } from './helpers';

let t: LibraryTest;
afterEach(() => t.cleanup());

const clock = manualClock();
const create = async (title: string) => {
  clock.advance(1);
  return (await t.ok<Conversation>('conversations.create', { title })).id;
};
const page = (request: Record<string, unknown>) => t.ok<ConversationPage>('conversations.page', request);

/** Every page from the first, following `next`. */
async function allPages(request: Record<string, unknown>): Promise<string[][]> {
  const pages: string[][] = [];
  let reply = await page(request);
  pages.push(reply.conversations.map((c) => c.title));
  while (reply.next) {
    reply = await page({ ...request, after: reply.next });
    pages.push(reply.conversations.map((c) => c.title));
  }
  return pages;
}

describe('the paged conversation list', () => {
  it('lists pinned conversations first, then the newest, a page at a time', async () => {
    t = openLibrary({ clock });
    const id: Record<string, string> = {};
    for (const title of ['a', 'b', 'c', 'd', 'e']) id[title] = await create(title);
    const [b, d] = [id.b!, id.d!];
    clock.advance(1);
    await t.ok('conversations.pin', { id: b, pinned: true });
    clock.advance(1);
    await t.ok('conversations.pin', { id: d, pinned: true });
    expect(await allPages({ limit: 2 })).toEqual([['d', 'b'], ['e', 'c'], ['a']]);
  });

  it('gives no next cursor when a page holds the rest', async () => {
    t = openLibrary({ clock });
    await create('only');
    expect(await page({ limit: 1 })).toMatchObject({ conversations: [{ title: 'only' }], next: null });
  });

  it('orders conversations updated in the same millisecond by id, so no page repeats or skips one', async () => {
    t = openLibrary({ clock });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await t.ok<Conversation>('conversations.create', { title: `t${i}` })).id);
    const pages = await allPages({ limit: 3 });
    const titles = pages.flat();
    expect(titles).toHaveLength(7);
    expect(new Set(titles).size).toBe(7);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
  });

  it('continues after its cursor even when an earlier conversation moved to the top meanwhile', async () => {
    t = openLibrary({ clock });
    const a = await create('a');
    for (const title of ['b', 'c', 'd']) await create(title);
    const first = await page({ limit: 2 });
    expect(first.conversations.map((c) => c.title)).toEqual(['d', 'c']);
    clock.advance(1);
    await t.ok('conversations.rename', { id: a, title: 'a renamed' });
    const second = await page({ limit: 2, after: first.next });
    expect(second.conversations.map((c) => c.title)).toEqual(['b']);
  });

  it('filters by title, case-insensitively, with % and _ taken literally', async () => {
    t = openLibrary({ clock });
    for (const title of ['Trip to Lisbon', 'lisbon food', 'Paris', '100% done', '100 done'])
      await create(title);
    const titles = async (query: string) => (await page({ query })).conversations.map((c) => c.title);
    expect(await titles('LISBON')).toEqual(['lisbon food', 'Trip to Lisbon']);
    expect(await titles('100%')).toEqual(['100% done']);
  });

  it('refuses a page size over the limit with BAD_REQUEST', async () => {
    t = openLibrary({ clock });
    expect(await t.call('conversations.page', { limit: 100_000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('leaves a deleted conversation out of every page', async () => {
    t = openLibrary({ clock });
    const gone = await create('gone');
    await create('kept');
    await t.ok('conversations.delete', { id: gone });
    expect((await page({})).conversations.map((c) => c.title)).toEqual(['kept']);
  });
});

describe('conversation deltas', () => {
  const deltas = () =>
    t.recorded.events.filter((e) => e.name === 'conversations.delta').map((e) => e.payload);

  it('announce a created, renamed or pinned conversation as that one conversation, never the list', async () => {
    t = openLibrary({ clock });
    await create('other');
    const id = await create('mine');
    await t.ok('conversations.rename', { id, title: 'renamed' });
    await t.ok('conversations.pin', { id, pinned: true });
    expect(deltas().slice(-3)).toEqual([
      { type: 'upsert', conversation: expect.objectContaining({ id, title: 'mine' }) },
      { type: 'upsert', conversation: expect.objectContaining({ id, title: 'renamed', pinnedAt: null }) },
      { type: 'upsert', conversation: expect.objectContaining({ id, pinnedAt: expect.any(Number) }) },
    ]);
  });

  it('announce a deleted conversation as removed, and a restored one as upserted', async () => {
    t = openLibrary({ clock });
    const id = await create('x');
    await t.ok('conversations.delete', { id });
    await t.ok('conversations.restore', { id });
    expect(deltas().slice(-2)).toEqual([
      { type: 'remove', id },
      { type: 'upsert', conversation: expect.objectContaining({ id }) },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import { PAGE_SIZE } from '../../../renderer/src/stores/conversations';
import { bridgeClient, openCore, until } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);

const TOTAL = PAGE_SIZE * 2 + 10;

describe('the conversations store over a real core, a page at a time', () => {
  let opened: ReturnType<typeof openCore>;
  let stores: AppStores;

  beforeEach(async () => {
    opened = openCore();
    libraryDb(opened.core).transaction(() => {
      for (let i = 1; i <= TOTAL; i++) opened.core.conversations.create(`c${i}`);
    })();
    stores = createAppStores(bridgeClient(opened.core));
    await stores.start();
  });
  afterEach(() => opened.close());

  it('starts with the first page only, and a next cursor', () => {
    const { conversations, next } = stores.conversations.getState();
    expect(conversations).toHaveLength(PAGE_SIZE);
    expect(next).not.toBeNull();
  });

  it('loads the rest page by page, each conversation once, until there is no next page', async () => {
    await stores.conversations.getState().loadMore();
    await stores.conversations.getState().loadMore();
    const { conversations, next } = stores.conversations.getState();
    expect(next).toBeNull();
    expect(new Set(conversations.map((c) => c.id)).size).toBe(TOTAL);
  });

  it('opens a conversation beyond the loaded pages by id, without loading them', async () => {
    const oldest = opened.core.conversations.list().at(-1)!;
    expect(await stores.conversations.getState().reveal(oldest.id)).toBe(true);
    expect(stores.conversations.getState()).toMatchObject({
      selectedId: oldest.id,
      opened: { title: oldest.title },
    });
    expect(stores.conversations.getState().conversations).toHaveLength(PAGE_SIZE);
  });

  it('shows a rename made by another client in place, through its delta', async () => {
    const first = stores.conversations.getState().conversations[0]!;
    await bridgeClient(opened.core).call('conversations.rename', {
      id: first.id,
      title: 'Renamed elsewhere',
    });
    const state = await when(stores.conversations, (s) => s.conversations[0]!.title === 'Renamed elsewhere');
    expect(state.conversations).toHaveLength(PAGE_SIZE);
  });

  it('lists only the folder shown, and drops a conversation moved out of it', async () => {
    const folder = opened.core.folders.create('Work');
    const [a, b] = opened.core.conversations.list();
    opened.core.conversations.move(a!.id, folder.id);
    opened.core.conversations.move(b!.id, folder.id);
    await stores.conversations.getState().setFilter({ folderId: folder.id });
    expect(stores.conversations.getState().conversations.map((c) => c.id)).toEqual([a!.id, b!.id]);
    await stores.conversations.getState().move(a!.id, null);
    expect(stores.conversations.getState().conversations.map((c) => c.id)).toEqual([b!.id]);
  });
});

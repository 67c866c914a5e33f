/** The search store over a real core: opening a result of a version not shown shows that version's branch. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import type { Message } from '../../../shared/api/schemas/messages';
import { shownPath } from '../../../shared/tree';
import { bridgeClient, openCore, until } from './helpers';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);
const say = (text: string) => [{ type: 'text' as const, text }];
const textOf = (m: Message) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');

describe('the search store', () => {
  let opened: ReturnType<typeof openCore>;
  let stores: AppStores;

  beforeEach(async () => {
    opened = openCore();
    stores = createAppStores(bridgeClient(opened.core));
    await stores.start();
  });
  afterEach(() => opened.close());

  /** q → a1 "the old answer: termites", a2 "the new answer" (shown); another conversation is open. */
  async function twoVersions() {
    const { core } = opened;
    const conversationId = core.conversations.create('Burrows').id;
    const q = core.messages.insert({ conversationId, role: 'user', parts: say('which animal?') }).id;
    const a1 = core.messages.insert({
      conversationId,
      parentId: q,
      role: 'assistant',
      parts: say('aardvark termites'),
    }).id;
    core.messages.insert({ conversationId, parentId: q, role: 'assistant', parts: say('moles') });
    await stores.conversations.getState().create();
    return { conversationId, a1 };
  }

  it('opens a result of a version not shown on that version, chosen in main too', async () => {
    const { conversationId, a1 } = await twoVersions();
    stores.search.getState().show();
    stores.search.getState().setQuery('termites');
    const [result] = (await when(stores.search, (s) => s.answered === 'termites' && !s.searching)).results;
    expect(result).toMatchObject({ messageId: a1, shown: false, version: { index: 1, count: 2 } });

    await stores.search.getState().choose(result!);
    expect(stores.search.getState()).toMatchObject({
      open: false,
      reveal: { conversationId, messageId: a1, terms: ['termites'] },
    });
    expect(stores.conversations.getState().selectedId).toBe(conversationId);
    const state = await when(
      stores.messages,
      (s) => s.conversationId === conversationId && s.messages.length === 3,
    );
    expect(shownPath(state.messages).map(textOf)).toEqual(['which animal?', 'aardvark termites']);
    expect(shownPath(opened.core.messages.list(conversationId)).map((m) => m.id)).toContain(a1);
  });

  it('opens a shown result without choosing anything', async () => {
    const { conversationId } = await twoVersions();
    const before = opened.core.messages.list(conversationId).map((m) => m.selectedAt);
    stores.search.getState().setQuery('moles');
    const [result] = (await when(stores.search, (s) => s.answered === 'moles' && !s.searching)).results;
    expect(result).toMatchObject({ shown: true, version: { index: 2, count: 2 } });
    await stores.search.getState().choose(result!);
    expect(stores.conversations.getState().selectedId).toBe(conversationId);
    expect(opened.core.messages.list(conversationId).map((m) => m.selectedAt)).toEqual(before);
  });

  it('forgets the opened result once another conversation opens, so coming back opens at the end', async () => {
    const { conversationId } = await twoVersions();
    stores.search.getState().setQuery('moles');
    const [result] = (await when(stores.search, (s) => s.answered === 'moles' && !s.searching)).results;
    await stores.search.getState().choose(result!);
    expect(stores.search.getState().reveal).toMatchObject({ conversationId, terms: ['moles'] });

    await stores.conversations.getState().create();
    expect(stores.search.getState().reveal).toBeNull();
  });
});

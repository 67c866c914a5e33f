import { describe, expect, it } from 'vitest';
import {
  appendPage,
  applyDelta,
  NO_FILTER,
  type LoadedList,
} from '../../../renderer/src/stores/conversationList';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { cursorOf } from '../../../shared/conversationOrder';

const conv = (id: string, updatedAt: number, more: Partial<Conversation> = {}): Conversation => ({
  id,
  title: id,
  createdAt: 0,
  updatedAt,
  provider: null,
  model: null,
  pinnedAt: null,
  systemPrompt: null,
  params: {},
  folderId: null,
  ...more,
});
const ids = (list: LoadedList) => list.conversations.map((c) => c.id);

describe('merging conversation deltas into the loaded pages', () => {
  const loaded = (): LoadedList => {
    const conversations = [conv('p', 1, { pinnedAt: 5 }), conv('c', 30), conv('b', 20)];
    return { conversations, next: cursorOf(conversations[2]!) };
  };

  it('puts a new conversation at the top of the unpinned ones', () => {
    expect(ids(applyDelta(loaded(), { type: 'upsert', conversation: conv('n', 40) }, NO_FILTER))).toEqual([
      'p',
      'n',
      'c',
      'b',
    ]);
  });

  it('moves an updated conversation to its new place instead of repeating it', () => {
    expect(ids(applyDelta(loaded(), { type: 'upsert', conversation: conv('b', 50) }, NO_FILTER))).toEqual([
      'p',
      'b',
      'c',
    ]);
  });

  it('leaves a conversation that belongs beyond the loaded pages to the next page', () => {
    expect(ids(applyDelta(loaded(), { type: 'upsert', conversation: conv('old', 10) }, NO_FILTER))).toEqual([
      'p',
      'c',
      'b',
    ]);
  });

  it('places one anywhere once every page is loaded', () => {
    const all = { ...loaded(), next: null };
    expect(ids(applyDelta(all, { type: 'upsert', conversation: conv('old', 10) }, NO_FILTER))).toEqual([
      'p',
      'c',
      'b',
      'old',
    ]);
  });

  it('drops a removed conversation', () => {
    expect(ids(applyDelta(loaded(), { type: 'remove', id: 'c' }, NO_FILTER))).toEqual(['p', 'b']);
  });

  it('drops a conversation that no longer matches the filter, e.g. moved out of the folder shown', () => {
    const inFolder: LoadedList = { conversations: [conv('a', 2, { folderId: 'f' })], next: null };
    const moved = conv('a', 2, { folderId: null });
    expect(
      ids(applyDelta(inFolder, { type: 'upsert', conversation: moved }, { folderId: 'f', query: '' })),
    ).toEqual([]);
  });

  it('keeps only titles containing the filter text, ignoring case', () => {
    const filter = { folderId: null, query: 'LIS' };
    const list: LoadedList = { conversations: [], next: null };
    const merged = applyDelta(list, { type: 'upsert', conversation: conv('Lisbon', 1) }, filter);
    expect(ids(applyDelta(merged, { type: 'upsert', conversation: conv('Paris', 2) }, filter))).toEqual([
      'Lisbon',
    ]);
  });

  it('does not repeat a conversation a later page brings again', () => {
    const next = appendPage(loaded(), { conversations: [conv('b', 20), conv('a', 10)], next: null });
    expect(ids(next)).toEqual(['p', 'c', 'b', 'a']);
    expect(next.next).toBeNull();
  });
});

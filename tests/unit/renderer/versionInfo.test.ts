import { describe, expect, it } from 'vitest';
import {
  sameVersionInfo,
  versionAnnouncement,
  versionInfos,
  type VersionInfo,
} from '../../../renderer/src/components/versionInfo';
import { keepNewer } from '../../../renderer/src/stores/messages';
import { buildTree, shownPath } from '../../../shared/tree';
import { messageFixture } from './messageFixture';

/** q → (a1, a2 streaming, a3 shown) → follow-up on a3. */
function tree() {
  const list = [
    messageFixture({ id: 'q', role: 'user', selectedAt: 1 }),
    messageFixture({ id: 'a1', parentId: 'q', selectedAt: 2 }),
    messageFixture({ id: 'a2', parentId: 'q', selectedAt: 3, status: 'streaming' }),
    messageFixture({ id: 'a3', parentId: 'q', selectedAt: 4 }),
    messageFixture({ id: 'f', role: 'user', parentId: 'a3', selectedAt: 5 }),
  ];
  const t = buildTree(list);
  return { t, path: shownPath(t) };
}

describe('versionInfos', () => {
  it('gives each shown message its position, neighbours and the other versions still streaming', () => {
    const { t, path } = tree();
    expect(path.map((m) => m.id)).toEqual(['q', 'a3', 'f']);
    const [q, a3] = versionInfos(t, path);
    expect(q).toEqual({ index: 1, count: 1, previousId: null, nextId: null, streaming: [], forked: false });
    expect(a3).toEqual({ index: 3, count: 3, previousId: 'a2', nextId: null, streaming: [2], forked: true });
  });

  it('marks every message below a fork as on a branch that can be deleted', () => {
    const { t, path } = tree();
    expect(versionInfos(t, path).map((v) => v.forked)).toEqual([false, true, true]);
  });
});

describe('versionAnnouncement', () => {
  const info = (streaming: number[]): VersionInfo => ({
    index: 2,
    count: 4,
    previousId: 'a',
    nextId: 'c',
    streaming,
    forked: true,
  });

  it('says the position alone when no other version streams', () => {
    expect(versionAnnouncement(info([]))).toBe('Version 2 of 4.');
  });

  it('says which other versions are still streaming', () => {
    expect(versionAnnouncement(info([3]))).toBe('Version 2 of 4. Version 3 is still streaming.');
    expect(versionAnnouncement(info([1, 3, 4]))).toBe(
      'Version 2 of 4. Versions 1, 3 and 4 are still streaming.',
    );
  });

  it('compares by value, so an unchanged message is not rendered again', () => {
    expect(sameVersionInfo(info([3]), info([3]))).toBe(true);
    expect(sameVersionInfo(info([3]), info([]))).toBe(false);
  });
});

describe('keepNewer', () => {
  const known = messageFixture({ id: 'm', streamId: 's', snapshotSeq: 9, updatedAt: 5, selectedAt: 1 });

  it('keeps the very object the window has when the list says nothing new', () => {
    expect(keepNewer(known, { ...known, parts: [] })).toBe(known);
  });

  it('takes which version is shown from the list even when its own update is newer', () => {
    const merged = keepNewer({ ...known, updatedAt: 8, status: 'interrupted' }, { ...known, selectedAt: 7 });
    expect(merged).toMatchObject({ updatedAt: 8, status: 'interrupted', selectedAt: 7 });
  });

  it('keeps parts folded further on the same stream than the listed snapshot', () => {
    const parts = [{ type: 'text' as const, text: 'further' }];
    const merged = keepNewer(
      { ...known, parts, snapshotSeq: 12 },
      { ...known, updatedAt: 6, snapshotSeq: 10, parts: [] },
    );
    expect(merged).toMatchObject({ parts, snapshotSeq: 12, updatedAt: 6 });
  });
});

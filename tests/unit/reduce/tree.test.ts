import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestry,
  buildTree,
  forkPoint,
  historyBefore,
  shownPath,
  subtree,
  versionsOf,
  type TreeMessage,
} from '../../../shared/tree';

const m = (id: string, parentId: string | null, selectedAt = 0): TreeMessage => ({
  id,
  parentId,
  selectedAt,
});

//   u ─┬─ a1 ── u2 ── b
//      └─ a2
const list = [m('u', null, 1), m('a1', 'u', 2), m('u2', 'a1', 3), m('b', 'u2', 4), m('a2', 'u', 5)];

describe('the message tree', () => {
  it('shows the version chosen last among siblings, and its chosen line below', () => {
    expect(shownPath(list).map((x) => x.id)).toEqual(['u', 'a2']);
    const chosen = list.map((x) => (x.id === 'a1' ? { ...x, selectedAt: 9 } : x));
    expect(shownPath(chosen).map((x) => x.id)).toEqual(['u', 'a1', 'u2', 'b']);
  });

  it('gives a tie to the later version in the list', () => {
    expect(shownPath([m('u', null), m('a', 'u', 3), m('b', 'u', 3)]).map((x) => x.id)).toEqual(['u', 'b']);
  });

  it('numbers versions from 1 in creation order', () => {
    const tree = buildTree(list);
    expect(versionsOf(tree, 'a2')).toMatchObject({ index: 2, count: 2 });
    expect(versionsOf(tree, 'u2')).toMatchObject({ index: 1, count: 1 });
  });

  it('takes the history of a message from the branch above it only', () => {
    expect(historyBefore(list, 'b').map((x) => x.id)).toEqual(['u', 'a1', 'u2']);
    expect(historyBefore(list, 'a2').map((x) => x.id)).toEqual(['u']);
  });

  it('finds where a branch forks off, and nothing for a line without versions', () => {
    const tree = buildTree(list);
    expect(forkPoint(tree, 'b')?.id).toBe('a1');
    expect(forkPoint(buildTree([m('u', null), m('a', 'u')]), 'a')).toBeUndefined();
    expect(subtree(tree, 'a1').map((x) => x.id)).toEqual(['a1', 'u2', 'b']);
    expect(ancestry(tree, 'b').map((x) => x.id)).toEqual(['u', 'a1', 'u2', 'b']);
  });

  it('hangs a message whose parent is missing from the top rather than losing it', () => {
    expect(shownPath([m('orphan', 'gone', 1)]).map((x) => x.id)).toEqual(['orphan']);
  });

  it('always resolves a shown path that starts at a first message and ends at a leaf', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(100)), { maxLength: 40 }), (spec) => {
        const messages = spec.map(([parent, at], i) => m(`m${i}`, i === 0 ? null : `m${parent % i}`, at));
        const path = shownPath(messages);
        if (messages.length === 0) {
          expect(path).toEqual([]);
          return;
        }
        const tree = buildTree(messages);
        expect(path[0]!.parentId).toBeNull();
        path.slice(1).forEach((x, i) => expect(x.parentId).toBe(path[i]!.id));
        expect(tree.children.get(path.at(-1)!.id) ?? []).toEqual([]);
      }),
    );
  });
});

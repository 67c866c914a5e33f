/**
 * A conversation is a tree of messages that keeps every version: Regenerate adds a
 * sibling reply, Edit & resend a sibling user message. Pure functions over a flat
 * list (as `messages.list` returns it, in creation order), shared by main (history
 * for a prompt, exports, the CLI) and the renderer (what is shown, the switcher).
 *
 * Which version is shown: among siblings, the one chosen last (largest `selectedAt`;
 * a tie goes to the later one in the list). The shown branch starts at the shown
 * first message and follows the shown child of each message down to a leaf.
 */

export interface TreeMessage {
  id: string;
  parentId: string | null;
  selectedAt: number;
}

export interface MessageTree<M extends TreeMessage> {
  byId: ReadonlyMap<string, M>;
  /** Children of each message (key null: the first messages), in list order. */
  children: ReadonlyMap<string | null, readonly M[]>;
}

export function buildTree<M extends TreeMessage>(messages: readonly M[]): MessageTree<M> {
  const byId = new Map<string, M>();
  for (const m of messages) byId.set(m.id, m);
  const children = new Map<string | null, M[]>();
  for (const m of messages) {
    // A message whose parent is not in the list (deleted, or a broken row) hangs from
    // the top rather than vanishing: a version is never hidden by a bad parent.
    const parent = m.parentId !== null && byId.has(m.parentId) ? m.parentId : null;
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(m);
  }
  return { byId, children };
}

/** The shown one among `siblings`: chosen last; a tie goes to the later one. */
export function shownOf<M extends TreeMessage>(siblings: readonly M[]): M | undefined {
  let best: M | undefined;
  for (const m of siblings) if (!best || m.selectedAt >= best.selectedAt) best = m;
  return best;
}

/** The shown branch, from the first message to its leaf. */
export function shownPath<M extends TreeMessage>(messages: readonly M[] | MessageTree<M>): M[] {
  const tree = 'children' in messages ? messages : buildTree(messages);
  const path: M[] = [];
  const seen = new Set<string>();
  let next = shownOf(tree.children.get(null) ?? []);
  while (next && !seen.has(next.id)) {
    seen.add(next.id);
    path.push(next);
    next = shownOf(tree.children.get(next.id) ?? []);
  }
  return path;
}

/** The message and every message above it, first message first. */
export function ancestry<M extends TreeMessage>(tree: MessageTree<M>, id: string): M[] {
  const chain: M[] = [];
  const seen = new Set<string>();
  let at = tree.byId.get(id);
  while (at && !seen.has(at.id)) {
    seen.add(at.id);
    chain.unshift(at);
    at = at.parentId === null ? undefined : tree.byId.get(at.parentId);
  }
  return chain;
}

/** The messages a reply (or an edited user message) follows: everything above it. */
export function historyBefore<M extends TreeMessage>(messages: readonly M[], id: string): M[] {
  return ancestry(buildTree(messages), id).slice(0, -1);
}

/** The message and every message below it (every version), parents before children. */
export function subtree<M extends TreeMessage>(tree: MessageTree<M>, id: string): M[] {
  const root = tree.byId.get(id);
  if (!root) return [];
  const out: M[] = [];
  const stack: M[] = [root];
  const seen = new Set<string>();
  while (stack.length) {
    const m = stack.pop()!;
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push(m);
    const kids = tree.children.get(m.id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

export interface Versions<M> {
  /** 1-based position among its siblings, in creation order. */
  index: number;
  count: number;
  siblings: readonly M[];
}

/** Where a message stands among its versions (its siblings, itself included). */
export function versionsOf<M extends TreeMessage>(tree: MessageTree<M>, id: string): Versions<M> {
  const m = tree.byId.get(id);
  if (!m) return { index: 0, count: 0, siblings: [] };
  const parent = m.parentId !== null && tree.byId.has(m.parentId) ? m.parentId : null;
  const siblings = tree.children.get(parent) ?? [m];
  return { index: siblings.indexOf(m) + 1, count: siblings.length, siblings };
}

/**
 * Where a branch forks off: the nearest message at or above `id` that has other
 * versions. Undefined when the message's whole line has no other version.
 */
export function forkPoint<M extends TreeMessage>(tree: MessageTree<M>, id: string): M | undefined {
  const chain = ancestry(tree, id);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (versionsOf(tree, chain[i]!.id).count > 1) return chain[i];
  }
  return undefined;
}

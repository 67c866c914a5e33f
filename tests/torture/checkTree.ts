/**
 * The tree half of the check after a SIGKILL and recovery (issue 13): nothing the
 * torture made is gone (it never deletes), every message hangs from a message of its
 * own conversation (or from nothing), no parent chain loops, every conversation's
 * shown branch resolves from a first message down to a leaf, and it still goes
 * through the last version the writer had committed as shown.
 */
import { shownPath } from '../../shared/tree';

export interface TreeRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  selected_at: number;
  deleted_at: number | null;
}

export interface TreeExpectations {
  /** Conversation → a message its shown branch must go through (null: a change was in flight). */
  shown: ReadonlyMap<string, string | null>;
  /** Message ids seen after earlier kills: every one must still be there. */
  known: ReadonlySet<string>;
}

export interface TreeCheck {
  treeFaults: number;
  shownBranchLost: number;
  versionsLost: number;
}

export function checkTree(
  rows: readonly TreeRow[],
  conversationIds: ReadonlySet<string>,
  expect: TreeExpectations,
  problem: (text: string) => void,
): TreeCheck {
  const out: TreeCheck = { treeFaults: 0, shownBranchLost: 0, versionsLost: 0 };
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of expect.known) {
    if (byId.has(id)) continue;
    out.versionsLost++;
    problem(`message ${id} existed after an earlier kill and is gone`);
  }
  for (const r of rows) {
    if (r.deleted_at !== null) {
      out.versionsLost++;
      problem(`message ${r.id} is marked deleted; nothing in the torture deletes`);
    }
    if (!conversationIds.has(r.conversation_id)) {
      out.treeFaults++;
      problem(`message ${r.id}: its conversation ${r.conversation_id} does not exist`);
    }
    if (r.parent_id === null) continue;
    const parent = byId.get(r.parent_id);
    if (!parent || parent.conversation_id !== r.conversation_id) {
      out.treeFaults++;
      problem(
        `message ${r.id}: parent ${r.parent_id} ${parent ? 'is in another conversation' : 'does not exist'}`,
      );
    }
  }
  out.treeFaults += countLoops(rows, byId, problem);

  const byConversation = new Map<string, TreeRow[]>();
  for (const r of rows) {
    if (r.deleted_at !== null) continue;
    let list = byConversation.get(r.conversation_id);
    if (!list) byConversation.set(r.conversation_id, (list = []));
    list.push(r);
  }
  const withReplies = new Set(rows.filter((r) => r.deleted_at === null).map((r) => r.parent_id));
  for (const [conversationId, list] of byConversation) {
    const path = shownPath(
      list.map((r) => ({ id: r.id, parentId: r.parent_id, selectedAt: r.selected_at })),
    ).map((m) => m.id);
    const broken = brokenPath(path, byId, withReplies);
    if (broken) {
      out.treeFaults++;
      problem(`conversation ${conversationId}: the shown branch ${broken}`);
    }
    const must = expect.shown.get(conversationId);
    if (must && !path.includes(must)) {
      out.shownBranchLost++;
      problem(`conversation ${conversationId}: ${must} was committed as shown, the shown branch misses it`);
    }
  }
  return out;
}

/** Why `path` (message ids, first message first) is not a branch from the top to a leaf, if it is not. */
function brokenPath(
  path: readonly string[],
  byId: ReadonlyMap<string, TreeRow>,
  withReplies: ReadonlySet<string | null>,
): string | null {
  if (path.length === 0) return 'is empty';
  // A parent elsewhere (or missing) is counted above; one in the conversation is not a start.
  const top = byId.get(path[0]!)!;
  if (top.parent_id !== null && byId.get(top.parent_id)?.conversation_id === top.conversation_id)
    return `starts at ${path[0]}, which has a parent`;
  for (let i = 1; i < path.length; i++) {
    if (byId.get(path[i]!)!.parent_id !== path[i - 1]) return `jumps from ${path[i - 1]} to ${path[i]}`;
  }
  const leaf = path.at(-1)!;
  return withReplies.has(leaf) ? `ends at ${leaf}, which has messages below it` : null;
}

/** Parent chains that come back to themselves (each loop counted once). */
function countLoops(
  rows: readonly TreeRow[],
  byId: ReadonlyMap<string, TreeRow>,
  problem: (text: string) => void,
): number {
  let loops = 0;
  const done = new Set<string>();
  for (const start of rows) {
    const chain = new Set<string>();
    let at: TreeRow | undefined = start;
    while (at && !done.has(at.id)) {
      if (chain.has(at.id)) {
        loops++;
        problem(`message ${at.id} is its own ancestor`);
        break;
      }
      chain.add(at.id);
      at = at.parent_id === null ? undefined : byId.get(at.parent_id);
    }
    for (const id of chain) done.add(id);
  }
  return loops;
}

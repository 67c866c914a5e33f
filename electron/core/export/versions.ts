import type { Message } from '../../../shared/api/schemas/messages';
import { buildTree, shownPath, subtree, versionsOf, type MessageTree } from '../../../shared/tree';

/**
 * A conversation's messages as the documents lay them out: the shown branch, then
 * every other version (each message of no shown branch), in tree order — a version
 * and what hangs below it together — each with where it stands among its siblings.
 */
export interface ConversationLayout {
  shown: Message[];
  others: Message[];
  isShown(id: string): boolean;
  /** 1-based position among its siblings (creation order), and how many there are. */
  version(id: string): { index: number; count: number };
  /** "Reply 2 of 3 to “…”", "Prompt 1 of 2 after “…”": what an other version is. */
  label(message: Message): string;
}

const EXCERPT_CHARS = 60;

/** The first line of a message's text, at most 60 characters (cut at a character, never a pair). */
export function excerpt(message: Message): string {
  const text = message.parts
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')
    .trim();
  const line = (text.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > EXCERPT_CHARS ? chars.slice(0, EXCERPT_CHARS - 1).join('') + '…' : line;
}

/** Every message in tree order: each first message, then what hangs below it. */
function preorder(tree: MessageTree<Message>): Message[] {
  return (tree.children.get(null) ?? []).flatMap((root) => subtree(tree, root.id));
}

export function layoutOf(messages: readonly Message[]): ConversationLayout {
  const tree = buildTree(messages);
  const shown = shownPath(tree);
  const shownIds = new Set(shown.map((m) => m.id));
  const version = (id: string) => {
    const v = versionsOf(tree, id);
    return { index: v.index, count: v.count };
  };
  return {
    shown,
    others: preorder(tree).filter((m) => !shownIds.has(m.id)),
    isShown: (id) => shownIds.has(id),
    version,
    label(message) {
      const { index, count } = version(message.id);
      const parent = message.parentId === null ? undefined : tree.byId.get(message.parentId);
      const about = parent ? `“${excerpt(parent)}”` : null;
      if (message.role === 'assistant') return `Reply ${index} of ${count}${about ? ` to ${about}` : ''}`;
      const what = message.role === 'user' ? 'Prompt' : 'System message';
      return `${what} ${index} of ${count}${about ? ` after ${about}` : ''}`;
    },
  };
}

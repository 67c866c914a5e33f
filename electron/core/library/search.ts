import type { Database } from 'better-sqlite3';
import type { SearchResult, SnippetPiece } from '../../../shared/api/schemas/library';
import { buildTree, shownPath, versionsOf, type MessageTree, type TreeMessage } from '../../../shared/tree';
import { messageQueries, type SearchRow as Row } from '../store/messageQueries';
import { parseSearchQuery } from './searchQuery';

/** Private-use characters: FTS5 wraps each match in them; they become `match` pieces, never HTML. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SNIPPET_TOKENS = 18;
const LITERAL_CONTEXT = 60;
export const DEFAULT_SEARCH_LIMIT = 50;

/**
 * Full-text search over every conversation's messages, every version of each (FTS5, see
 * migration 003): best matches first, soft-deleted conversations and versions left out,
 * each result saying which version it is and whether it is shown. Any input is safe to pass.
 */
export function searchMessages(db: Database, query: string, limit = DEFAULT_SEARCH_LIMIT): SearchResult[] {
  const { match, literals } = parseSearchQuery(query);
  const rows = messageQueries(db);
  if (match) {
    const found = rows.searchMatches(match, literals, limit, {
      open: OPEN,
      close: CLOSE,
      tokens: SNIPPET_TOKENS,
    });
    const versions = versionsIn(db);
    return found.map((r) => toResult(r, splitMarked(r.snippet), versions(r)));
  }
  if (!literals.length) return [];
  // Nothing the word index can answer (only emoji or symbols): a substring scan, newest first.
  const found = rows.searchLiterals(literals, limit);
  const versions = versionsIn(db);
  return found.map((r) => toResult(r, literalSnippet(r.snippet, literals), versions(r)));
}

type VersionInfo = Pick<SearchResult, 'version' | 'shown'>;

/**
 * Which version a found message is, and whether it is shown: from its conversation's
 * tree (ids, parents and choices only, read once per conversation among the results).
 */
function versionsIn(db: Database): (r: Row) => VersionInfo {
  const rows = messageQueries(db);
  const trees = new Map<string, { tree: MessageTree<TreeMessage>; shown: Set<string> }>();
  return (r) => {
    let entry = trees.get(r.conversation_id);
    if (!entry) {
      const tree = buildTree(rows.treeOf(r.conversation_id));
      entry = { tree, shown: new Set(shownPath(tree).map((m) => m.id)) };
      trees.set(r.conversation_id, entry);
    }
    const { index, count } = versionsOf(entry.tree, r.message_id);
    return {
      version: { index: Math.max(1, index), count: Math.max(1, count) },
      shown: entry.shown.has(r.message_id),
    };
  };
}

function toResult(r: Row, snippet: SnippetPiece[], version: VersionInfo): SearchResult {
  return {
    ...version,
    conversationId: r.conversation_id,
    conversationTitle: r.title,
    messageId: r.message_id,
    role: r.role,
    snippet,
    createdAt: r.created_at,
  };
}

/** FTS5's marked snippet → pieces. */
export function splitMarked(marked: string): SnippetPiece[] {
  const pieces: SnippetPiece[] = [];
  let rest = marked;
  while (rest) {
    const open = rest.indexOf(OPEN);
    if (open === -1) break;
    const close = rest.indexOf(CLOSE, open);
    if (close === -1) break;
    if (open > 0) pieces.push({ text: rest.slice(0, open), match: false });
    pieces.push({ text: rest.slice(open + 1, close), match: true });
    rest = rest.slice(close + 1);
  }
  if (rest) pieces.push({ text: rest, match: false });
  return pieces;
}

/** A window of text around the first literal, every literal in it marked. */
function literalSnippet(body: string, literals: string[]): SnippetPiece[] {
  const first = Math.min(...literals.map((l) => body.indexOf(l)).filter((i) => i >= 0));
  const from = notInsidePair(body, Math.max(0, first - LITERAL_CONTEXT));
  const to = notInsidePair(body, Math.min(body.length, first + LITERAL_CONTEXT));
  const window = (from > 0 ? '…' : '') + body.slice(from, to) + (to < body.length ? '…' : '');
  const escaped = literals.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = window.split(new RegExp(`(${escaped.join('|')})`, 'u'));
  return parts.filter(Boolean).map((text) => ({ text, match: literals.includes(text) }));
}

/** Moves a cut back off the middle of a surrogate pair, so an emoji is never halved. */
function notInsidePair(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * Turns whatever the user typed into a safe FTS5 query. Nothing typed is ever read as
 * FTS5 syntax: each word becomes a quoted prefix phrase (`"caf"*`), so quotes, `*`,
 * `NEAR`, `AND`, parentheses or a lone `-` can never be a syntax error or an operator.
 */

/** A token the index can hold: it has a letter or a digit (unicode61 splits on the rest). */
const INDEXABLE = /[\p{L}\p{N}]/u;
/** More words than this add nothing but cost. */
const MAX_TERMS = 32;

export interface SearchQuery {
  /** The FTS5 MATCH expression, or null when nothing typed is a word. */
  match: string | null;
  /**
   * Tokens with no letter or digit (emoji, symbols): the word index cannot see them,
   * so they are matched as plain substrings of the text instead.
   */
  literals: string[];
}

export function parseSearchQuery(input: string): SearchQuery {
  const tokens = input.normalize('NFC').split(/\s+/u).filter(Boolean).slice(0, MAX_TERMS);
  const words = tokens.filter((t) => INDEXABLE.test(t));
  const literals = tokens.filter((t) => !INDEXABLE.test(t));
  const match = words.length ? words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ') : null;
  return { match, literals };
}

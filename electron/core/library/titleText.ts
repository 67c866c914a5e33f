/** Pure title text rules, shared by the generated and the heuristic title. */

export const MAX_TITLE_CHARS = 60;
/** A provider answer longer than this is not a title (a model that ignored the ask, a scripted reply). */
export const MAX_ANSWER_CHARS = 120;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The first line of the user's first message, cut at a word boundary near 60 characters. */
export function heuristicTitle(firstUserText: string): string | null {
  const line = firstUserText
    .split('\n')
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .find((l) => LETTER_OR_DIGIT.test(l));
  if (!line) return null;
  if ([...line].length <= MAX_TITLE_CHARS) return stripTrailing(line);
  const cut = [...line].slice(0, MAX_TITLE_CHARS).join('');
  const space = cut.lastIndexOf(' ');
  const head = space >= MAX_TITLE_CHARS / 3 ? cut.slice(0, space) : cut;
  return `${stripTrailing(head)}…`;
}

/**
 * What a provider answered, as a title — or null when it is not one: empty, too long,
 * several lines of prose, no letters. Quotes, a "Title:" label, Markdown emphasis and
 * a final full stop are removed.
 */
export function cleanGeneratedTitle(answer: string): string | null {
  if (answer.length > MAX_ANSWER_CHARS) return null;
  const lines = answer
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length !== 1) return null;
  const title = stripTrailing(
    lines[0]!
      .replace(/^(title|titre|titel|título)\s*:\s*/iu, '')
      .replace(/^[#*_`"'“”‘’«»\s]+|[*_`"'“”‘’«»\s]+$/gu, '')
      .replace(/\s+/gu, ' '),
  );
  if (!LETTER_OR_DIGIT.test(title) || [...title].length > MAX_TITLE_CHARS) return null;
  return title;
}

function stripTrailing(text: string): string {
  return text.replace(/[\s.,;:!?\-–—]+$/u, '').trim() || text.trim();
}

/**
 * Raw provider events as deltas (migration 021). A provider repeats most of every event
 * (OpenAI: id, object, created, model, choices' frame; Anthropic: the block frame), so
 * a live stream's `raw` row is stored as what differs from the stream's last raw row
 * stored whole (its key row): the length of the common prefix and suffix, and the
 * middle. That is a fifth of the bytes, so a commit fills a fifth of the pages; the
 * chunk log's text stays byte-exact because decoding is exact.
 *
 * Stored form: `\u0001` + prefix length (5 digits) + suffix length (5 digits) + middle,
 * lengths in code points so that the `chunks` view (SQL `substr`, migration 021)
 * decodes the same.
 * No other part-0 payload starts with a control character (a stored payload starts
 * with `"` or `{`), so the first character tells a delta apart.
 */
export const DELTA_MARK = '\u0001';
const DIGITS = 5;
const MAX_LENGTH = 99_999;
/** A delta must save at least this many characters, or the row is stored whole (a new key). */
const MIN_SAVING = 24;
/** After this many deltas the next raw row is stored whole: readers look back at most this far. */
export const MAX_DELTAS_PER_KEY = 64;

export function isRawDelta(stored: string): boolean {
  return stored.charCodeAt(0) === 1;
}

/** The delta of `stored` against `key` (both stored forms), or null when it is not worth it. */
export function encodeRawDelta(key: string, stored: string): string | null {
  const max = Math.min(key.length, stored.length);
  let p = 0;
  while (p < max && key.charCodeAt(p) === stored.charCodeAt(p)) p++;
  // Never split a surrogate pair: the lengths are counted in code points.
  if (p > 0 && isHigh(key.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && key.charCodeAt(key.length - 1 - s) === stored.charCodeAt(stored.length - 1 - s)) s++;
  if (s > 0 && isLow(key.charCodeAt(key.length - s))) s--;
  if (p + s < MIN_SAVING + 2 * DIGITS + 1) return null;
  const pc = codePoints(key, 0, p);
  const sc = codePoints(key, key.length - s, key.length);
  if (pc > MAX_LENGTH || sc > MAX_LENGTH) return null;
  return DELTA_MARK + pad(pc) + pad(sc) + stored.slice(p, stored.length - s);
}

/** The stored form a delta stands for, given its key row's stored form. */
export function decodeRawDelta(key: string, delta: string): string {
  const pc = Number(delta.slice(1, 1 + DIGITS));
  const sc = Number(delta.slice(1 + DIGITS, 1 + 2 * DIGITS));
  const middle = delta.slice(1 + 2 * DIGITS);
  const p = unitsFromStart(key, pc);
  const s = unitsFromEnd(key, sc);
  return key.slice(0, p) + middle + key.slice(key.length - s);
}

function pad(n: number): string {
  return String(n).padStart(DIGITS, '0');
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Code points in text[from, to) (UTF-16 units less the pairs). */
function codePoints(text: string, from: number, to: number): number {
  let n = to - from;
  for (let i = from; i < to; i++)
    if (isLow(text.charCodeAt(i)) && i > from && isHigh(text.charCodeAt(i - 1))) n--;
  return n;
}

function unitsFromStart(text: string, points: number): number {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++)
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  return i;
}

function unitsFromEnd(text: string, points: number): number {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) {
    const at = text.length - 1 - i;
    i += at > 0 && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1)) ? 2 : 1;
  }
  return i;
}

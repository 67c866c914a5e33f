/**
 * What the fake provider answers each torture reply with, drawn from the seed: text
 * of multi-byte words (emoji with joiners, CJK, accents), now and then one delta large
 * enough to become continuation rows, now and then split UTF-8 on the wire, and every
 * provider ending: finish, an error event inside the stream, a cut connection. (Stop
 * and the SIGKILL are the other two endings; the lanes do those.)
 */
import type { Random } from './random';

const WORDS = [
  'Hello ',
  'world, ',
  'héllo ',
  'naïve ',
  'Ωμέγα ',
  '日本語の',
  'テキスト ',
  '🧵 ',
  '👩‍💻 ',
  'ok. ',
  '\n',
  'a ',
];

function text(rng: Random, words: number): string {
  let s = '';
  for (let n = words; n > 0; n--) s += rng.pick(WORDS);
  return s;
}

/** A `script:` model spec for tests/fake-provider (set with `setScript`, so model names stay short). */
export function replyScript(rng: Random): string {
  // Mostly as fast as the server goes; some throttled, so more are mid-stream at a kill.
  const tps = rng.next() < 0.6 ? 0 : rng.int(500, 4000);
  const words = rng.int(3, 200);
  const r = rng.next();
  if (r < 0.06) {
    // One delta of 1 000–6 000 characters (up to ~5× the torture's 4 KiB chunk cap).
    return spec('big', { tps, text: text(rng, rng.int(300, 1500)) });
  }
  if (r < 0.1) return spec('split-utf8', { tps, text: text(rng, rng.int(2, 12)) });
  if (r < 0.2) return spec(`error-after-${rng.int(1, words)}`, { tps, text: text(rng, words), status: 500 });
  if (r < 0.25) return spec(`cut-after-${rng.int(1, words)}`, { tps, text: text(rng, words) });
  return spec('hello', { tps, text: text(rng, words) });
}

function spec(preset: string, options: Record<string, string | number>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options)) query.set(key, String(value));
  return `script:${preset}?${query.toString()}`;
}

/** What the user types (Send, Edit & resend). */
export function userText(rng: Random): string {
  return text(rng, rng.int(1, 12));
}

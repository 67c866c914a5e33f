/**
 * The text of the render benchmark: seeded messages and the long streamed reply, as
 * an assistant writes them (headings, paragraphs, lists, fenced code), deterministic
 * so runs compare.
 */
import { tokenize } from '../tests/fake-provider/script';

/** The reply's last word: the page knows the whole reply is shown when it sees it. */
export const SENTINEL = 'END-OF-BENCH-REPLY';

const WORDS = (
  'spool keeps every chunk of every reply in a log on disk before anyone sees it so a crash a reload ' +
  'or a lost connection never loses what was already said the renderer only folds what main sends'
).split(' ');

function paragraph(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i) % WORDS.length]).join(' ') + '.';
}

function code(seed: number, lines: number): string {
  const body = Array.from(
    { length: lines },
    (_, i) => `  const value${i} = await store.read(${seed + i}, { retries: ${i % 4} }); // step ${i}`,
  );
  return [
    '```ts',
    `export async function step${seed}(store: Store): Promise<void> {`,
    ...body,
    '}',
    '```',
  ].join('\n');
}

function section(n: number): string {
  return [
    `## Part ${n}`,
    paragraph(n, 60),
    `- first point of part ${n}\n- second point, with \`inline code\`\n- third point`,
    code(n, 8),
    paragraph(n + 1, 45),
  ].join('\n\n');
}

/** A seeded message: a short question, or a reply of several paragraphs with a code block. */
export function seedMessage(i: number, role: 'user' | 'assistant'): string {
  if (role === 'user') return `Question ${i}: ${paragraph(i, 18)}`;
  return [
    paragraph(i, 70),
    code(i, 10),
    paragraph(i + 3, 50),
    `1. one\n2. two\n3. three`,
    paragraph(i + 5, 40),
  ].join('\n\n');
}

/** About `tokens` word tokens of Markdown, ending in the sentinel and a lone ".". */
export function benchReply(tokens: number): string {
  const sections: string[] = [];
  let count = 0;
  for (let n = 1; count < tokens - 2; n++) {
    const s = section(n);
    sections.push(s);
    count += tokenize(s).length + 1;
  }
  return `${sections.join('\n\n')}\n\n${SENTINEL} .`;
}

/**
 * Splits Markdown into top-level blocks, so a growing reply re-parses only its last
 * block on each frame: every block before it is final and its rendering is memoised.
 *
 * A boundary is a blank line outside a code fence that is followed by a line starting
 * flush left. An indented line after a blank one continues what came before (a
 * loose list item, an indented code block), so it stays in the same block. Rendered
 * one by one, the blocks look as the whole text would, with two accepted differences:
 * a loose list split at its blank lines renders as several lists (ordered ones keep
 * their numbering through `start`), and reference-style definitions would not reach
 * links in other blocks — so text holding any `[label]: …` or `[^note]: …`
 * definition is left whole.
 */

export interface BlockSplit {
  /** The text that was split. */
  readonly text: string;
  /** Its blocks, in order; joined with their separators they are the text again. */
  readonly blocks: readonly string[];
  /** Where the last block starts in `text`: the place a longer text is scanned again from. */
  readonly lastStart: number;
  /** The text holds a definition, so it stays one block from now on. */
  readonly whole?: boolean;
}

const EMPTY: BlockSplit = { text: '', blocks: [], lastStart: 0 };
const FENCE = /^\s*(`{3,}|~{3,})/;
const MATH_FENCE = /^\s*(\$\$)/;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/**
 * Splits `text`. Given the split of an earlier text it starts with (a streaming
 * reply a frame ago), only its last block is scanned again, and the blocks before
 * it are the very same strings, so memoised renderings of them are reused.
 */
export function splitBlocks(text: string, previous: BlockSplit = EMPTY): BlockSplit {
  if (text === previous.text) return previous;
  if (text === '') return EMPTY;
  const resumable = previous.blocks.length > 0 && text.startsWith(previous.text);
  const from = resumable ? previous.lastStart : 0;
  // Only the part not looked at before can hold a new definition (they start a line).
  if ((resumable && previous.whole) || DEFINITION.test(from === 0 ? text : text.slice(from))) {
    return { text, blocks: [text], lastStart: 0, whole: true };
  }
  const kept = resumable ? previous.blocks.slice(0, -1) : [];
  const { blocks, lastStart } = scan(text, from);
  return { text, blocks: kept.concat(blocks), lastStart };
}

/** Scans from `from` (a line start outside any fence) to the end. */
function scan(text: string, from: number): { blocks: string[]; lastStart: number } {
  const blocks: string[] = [];
  let blockStart = from;
  let blockEnd = -1; // end of the block's last non-blank line, -1 while none
  let fence: { char: string; length: number } | null = null;
  let afterBlank = false;
  let at = from;

  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(at, lineEnd);
    const blank = line.trim() === '';

    if (fence) {
      const close = FENCE.exec(line) ?? MATH_FENCE.exec(line);
      const marker = close?.[1];
      if (marker && marker[0] === fence.char && marker.length >= fence.length && line.trim() === marker)
        fence = null;
      blockEnd = lineEnd;
    } else if (blank) {
      afterBlank = blockEnd >= 0;
    } else {
      if (afterBlank && !/^\s/.test(line)) {
        blocks.push(text.slice(blockStart, blockEnd));
        blockStart = at;
      }
      afterBlank = false;
      const open = FENCE.exec(line);
      if (open) fence = { char: open[1]![0]!, length: open[1]!.length };
      // Display math ($$ on a line of its own) may hold blank lines, as a fence does.
      else if (line.trim() === '$$') fence = { char: '$', length: 2 };
      blockEnd = lineEnd;
    }
    at = lineEnd + 1;
  }
  if (blockEnd >= 0 || blocks.length === 0) blocks.push(text.slice(blockStart));
  return { blocks, lastStart: blockStart };
}

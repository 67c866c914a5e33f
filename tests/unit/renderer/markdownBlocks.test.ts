/**
 * The block splitter behind incremental Markdown rendering: finished blocks stay the
 * same strings while a reply grows, whatever the prefix it grew from. (That block by
 * block renders like the whole text is in markdownRender.test.tsx.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBlocks } from '../../../renderer/src/components/markdown/blocks';
import { REPLY } from './markdownSample';

describe('splitting Markdown into blocks', () => {
  it('splits at blank lines between top-level blocks', () => {
    expect(splitBlocks('one\n\ntwo\nstill two\n\n\nthree').blocks).toEqual([
      'one',
      'two\nstill two',
      'three',
    ]);
  });

  it('keeps a fenced code block with blank lines inside it in one block', () => {
    const { blocks } = splitBlocks(REPLY);
    expect(blocks).toContain('```python\ndef f(x):\n\n    return x * 2\n```');
    expect(blocks).toHaveLength(7);
  });

  it('keeps display math with blank lines inside it in one block', () => {
    const text = 'Intro\n\n$$\na\n\nb\n$$\n\nAfter';
    expect(splitBlocks(text).blocks).toEqual(['Intro', '$$\na\n\nb\n$$', 'After']);
  });

  it('keeps an unclosed fence, as while it streams, in the last block', () => {
    expect(splitBlocks('Intro\n\n```js\nconst a = 1;\n\nconst b = 2;').blocks).toEqual([
      'Intro',
      '```js\nconst a = 1;\n\nconst b = 2;',
    ]);
  });

  it('keeps an indented line after a blank one with the block before it (a loose list item)', () => {
    expect(splitBlocks('- item\n\n  more of the item\n\nNext').blocks).toEqual([
      '- item\n\n  more of the item',
      'Next',
    ]);
  });

  it('leaves text with a reference definition whole, so its links still resolve', () => {
    const text = 'See [the docs][d].\n\n[d]: https://example.com';
    expect(splitBlocks(text).blocks).toEqual([text]);
  });

  it('resumed from the split of any prefix, gives the same blocks as a fresh split', () => {
    const line = fc.constantFrom(
      '',
      '',
      'text',
      '  indented',
      '```',
      '~~~',
      '```js',
      '- item',
      '| a |',
      '# h',
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.nat(), (lines, cut) => {
        const text = lines.join('\n');
        const prefix = text.slice(0, cut % (text.length + 1));
        expect(splitBlocks(text, splitBlocks(prefix)).blocks).toEqual(splitBlocks(text).blocks);
      }),
      { numRuns: 500 },
    );
  });

  it('hands back the very same strings for the finished blocks as the text grows', () => {
    const before = splitBlocks(REPLY.slice(0, 120));
    const after = splitBlocks(REPLY, before);
    for (let i = 0; i < before.blocks.length - 1; i++) expect(after.blocks[i]).toBe(before.blocks[i]);
  });
});

import { useDeferredValue, useRef } from 'react';
import { splitBlocks, type BlockSplit } from './blocks';
import { MarkdownBlock } from './MarkdownBlock';
import '../../styles/markdown.css';

/** Blocks parsed at once when a long message first appears; the rest follow in the background. */
const FIRST_PASS_BLOCKS = 24;

/**
 * A message's Markdown, rendered block by block (see blocks.ts): while a reply grows,
 * the split is resumed from the last block and every block before it is the same
 * string as a frame ago, so its memoised rendering is reused and only the last block
 * is parsed again.
 *
 * A long message that appears all at once (a reload, a long reply scrolled into view)
 * first parses only its last blocks, the ones the reader sees at the end of the
 * conversation, and shows the earlier ones as their source text; React then parses
 * those in a background render it can interrupt, so the page is never blocked for
 * the whole message at once.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const split = useRef<BlockSplit | undefined>(undefined);
  split.current = splitBlocks(text, split.current);
  const { blocks } = split.current;
  const parsedFrom = useDeferredValue(0, Math.max(0, blocks.length - FIRST_PASS_BLOCKS));
  return (
    <div className={`markdown${streaming ? ' is-streaming' : ''}`}>
      {blocks.map((block, i) => (
        // Each block is skipped by layout and paint while far off screen (content-visibility).
        <div key={i} className="md-block">
          {i < parsedFrom ? <p className="md-source">{block}</p> : <MarkdownBlock source={block} />}
        </div>
      ))}
    </div>
  );
}

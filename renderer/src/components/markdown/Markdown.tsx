import { useRef } from 'react';
import { splitBlocks, type BlockSplit } from './blocks';
import { MarkdownBlock } from './MarkdownBlock';
import '../../styles/markdown.css';

/**
 * A message's Markdown, rendered block by block (see blocks.ts): while a reply grows,
 * the split is resumed from the last block and every block before it is the same
 * string as a frame ago, so its memoised rendering is reused and only the last block
 * is parsed again.
 */
export function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const split = useRef<BlockSplit | undefined>(undefined);
  split.current = splitBlocks(text, split.current);
  return (
    <div className={`markdown${streaming ? ' is-streaming' : ''}`}>
      {split.current.blocks.map((block, i) => (
        <MarkdownBlock key={i} source={block} />
      ))}
    </div>
  );
}

import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import 'katex/dist/katex.min.css';
import { CodeBlock } from './CodeBlock';
import { normaliseMathDelimiters } from './mathDelimiters';

/**
 * rehype-highlight builds its highlighter (lowlight with highlight.js's common
 * languages, each grammar compiled on first use) every time its plugin is attached,
 * and react-markdown attaches plugins on every render. Attaching it once here and
 * handing out the same transformer keeps that work to once per app, not per frame.
 * The plugin does not use its processor (`this`), so sharing it is safe.
 */
const highlight = rehypeHighlight({ detect: false });
const sharedHighlight = () => highlight;

/**
 * remark-breaks keeps a reply's single line breaks (poems, addresses, logs read as the
 * model wrote them, as every chat app shows them). remark-math + rehype-katex render
 * `$…$` and `$$…$$` with KaTeX; a formula KaTeX cannot parse is shown as its source in
 * KaTeX's error colour (rehype-katex catches the error) instead of failing the whole block.
 */
const katex = rehypeKatex({ strict: 'ignore' });
const sharedKatex = () => katex;
const PLAIN = { remark: [remarkGfm, remarkBreaks], rehype: [sharedHighlight] };
// Math costs a tokenizer and a tree walk per parse: only blocks that could hold math pay it.
const WITH_MATH = { remark: [remarkGfm, remarkMath, remarkBreaks], rehype: [sharedKatex, sharedHighlight] };
const MAY_HOLD_MATH = /\$|\\[([]/;

const COMPONENTS: Components = {
  // Links leave the app: Electron's window-open handler hands http(s) to the OS browser;
  // in browser mode they open in a new tab. Neither can reach back into Spool.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
  pre: CodeBlock,
  // Wide tables scroll on their own instead of widening the whole message.
  table: ({ node: _node, ...props }) => (
    <div className="md-table">
      <table {...props} />
    </div>
  ),
};

/**
 * One finished (or the last, growing) block of a message's Markdown. Memoised on its
 * source, so a growing reply parses only the block that changed. Raw HTML is never
 * rendered: react-markdown drops it unless rehype-raw is added, and it never is.
 */
export const MarkdownBlock = memo(function MarkdownBlock({ source }: { source: string }) {
  const plugins = MAY_HOLD_MATH.test(source) ? WITH_MATH : PLAIN;
  return (
    <ReactMarkdown remarkPlugins={plugins.remark} rehypePlugins={plugins.rehype} components={COMPONENTS}>
      {normaliseMathDelimiters(source)}
    </ReactMarkdown>
  );
});

/**
 * What a reply's Markdown becomes in the page (rendered to HTML with React's server
 * renderer): GFM, highlighted code with its language and Copy code, links that leave
 * the app, and nothing the model could use to run code or load content.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../renderer/src/components/markdown/Markdown';
import { ReasoningPart } from '../../../renderer/src/components/ReasoningPart';
import { ToolCallCard } from '../../../renderer/src/components/ToolCallCard';
import type { ToolPart } from '../../../shared/api/schemas/messages';
import { splitBlocks } from '../../../renderer/src/components/markdown/blocks';
import { MarkdownBlock } from '../../../renderer/src/components/markdown/MarkdownBlock';
import { REPLY } from './markdownSample';

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} />);
/** Whitespace between top-level elements is not rendered; compare without it. */
const squash = (markup: string) => markup.replace(/>\s+</g, '><');

describe('a reply rendered as Markdown', () => {
  it('turns a GFM table into a table', () => {
    const markup = render('| City | Temp |\n| --- | ---: |\n| Paris | 21 |');
    expect(markup).toContain('<table>');
    expect(markup).toContain('<th>City</th>');
    expect(markup).toMatch(/<td[^>]*>Paris<\/td>/);
  });

  it('highlights a fenced code block and labels it with its language and a Copy code button', () => {
    const markup = render('```ts\nconst answer: number = 42;\n```');
    expect(markup).toContain('<span class="code-block-language">ts</span>');
    expect(markup).toContain('aria-label="Copy code"');
    expect(markup).toContain('class="hljs-keyword">const</span>');
  });

  it('opens links outside the app, without giving the new page a way back', () => {
    expect(render('[Spool](https://example.com/spool)')).toContain(
      '<a href="https://example.com/spool" target="_blank" rel="noopener noreferrer">Spool</a>',
    );
  });

  it('never renders raw HTML from the model as elements, only as the text it is', () => {
    const markup = render(
      'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script>\n\n<iframe src="https://evil"></iframe>',
    );
    expect(markup).not.toMatch(/<(img|script|iframe)\b/);
    expect(markup).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  it('renders block by block exactly as the whole text renders', () => {
    const byBlock = splitBlocks(REPLY).blocks.map((source) =>
      renderToStaticMarkup(<MarkdownBlock source={source} />),
    );
    expect(squash(byBlock.join(''))).toBe(squash(renderToStaticMarkup(<MarkdownBlock source={REPLY} />)));
  });

  it('keeps a single line break as a line break', () => {
    expect(render('(024)\nwords')).toContain('(024)<br/>\nwords');
  });

  it('renders inline and display math with KaTeX, keeping the backslash commands', () => {
    const markup = render('Inline $a\\,b$ here.\n\n$$\n\\frac{1}{2}\n$$');
    expect(markup).toContain('class="katex"');
    expect(markup).toContain('class="katex-display"');
    expect(markup).toContain('<annotation encoding="application/x-tex">a\\,b</annotation>');
  });

  it('renders \\( \\) and \\[ \\] delimiters as math, but never inside code', () => {
    const markup = render('Area \\(\\pi r^2\\) and `\\(x\\)`\n\n\\[\nE = mc^2\n\\]');
    expect(markup).toContain('<annotation encoding="application/x-tex">\\pi r^2</annotation>');
    expect(markup).toContain('class="katex-display"');
    expect(markup).toContain('<code>\\(x\\)</code>');
  });

  it('shows a formula KaTeX cannot parse as its source instead of failing the reply', () => {
    const markup = render('Broken $\\frac{1$ formula');
    expect(markup).toContain('katex-error');
    expect(markup).toContain('formula');
  });

  it('neutralises javascript: links', () => {
    expect(render('[click](javascript:alert(1))')).not.toContain('javascript:');
  });
});

describe('reasoning and tool calls', () => {
  it('folds reasoning away under a Reasoning summary, closed by default', () => {
    const markup = renderToStaticMarkup(<ReasoningPart text="Think first." streaming={false} />);
    expect(markup).toMatch(/^<details class="message-reasoning"><summary>/);
    expect(markup).toContain('<span>Reasoning</span>');
    expect(markup).not.toContain(' open');
  });

  const call = (over: Partial<ToolPart>): ToolPart => ({
    type: 'dynamic-tool',
    toolName: 'get_weather',
    toolCallId: 'c1',
    state: 'input-available',
    input: { city: 'Paris' },
    ...over,
  });

  it('shows a tool call with its name, input and output', () => {
    const markup = renderToStaticMarkup(
      <ToolCallCard part={call({ state: 'output-available', output: { tempC: 21 } })} streaming={false} />,
    );
    expect(markup).toContain('aria-label="Tool call get_weather"');
    expect(markup).toContain('&quot;city&quot;: &quot;Paris&quot;');
    expect(markup).toContain('&quot;tempC&quot;: 21');
    expect(markup).toContain('Done');
  });

  it('shows the tool’s error in its own words', () => {
    const markup = renderToStaticMarkup(
      <ToolCallCard part={call({ state: 'output-error', errorText: 'City not found' })} streaming={false} />,
    );
    expect(markup).toContain('City not found');
    expect(markup).toContain('Failed');
  });

  it('says a call the reply ended without an answer to has no output', () => {
    const markup = renderToStaticMarkup(<ToolCallCard part={call({})} streaming={false} />);
    expect(markup).toContain('No output');
  });
});

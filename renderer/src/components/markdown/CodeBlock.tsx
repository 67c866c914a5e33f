import { useEffect, useState, type ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import type { ElementContent, Element } from 'hast';
import { CheckIcon, CopyIcon } from '../icons';

/**
 * A fenced code block: its language, a Copy code button, and the highlighted code
 * (highlight.js classes from rehype-highlight; colours in markdown.css).
 */
export function CodeBlock({ node, children, ...props }: ComponentProps<'pre'> & ExtraProps) {
  const code = node?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const language = code ? languageOf(code) : null;
  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language ?? 'code'}</span>
        <CopyCodeButton text={code ? textOf(code).replace(/\n$/, '') : ''} />
      </div>
      <pre {...props}>{children}</pre>
    </div>
  );
}

/** Says "Copied" for a moment, in words a screen reader announces too; a failure says so in place. */
function CopyCodeButton({ text }: { text: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), 1500);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <>
      <button
        type="button"
        className="code-block-copy"
        aria-label="Copy code"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setOutcome('copied'),
            () => setOutcome('failed'),
          )
        }
      >
        {outcome === 'copied' ? <CheckIcon /> : <CopyIcon />}
        <span aria-hidden="true">
          {outcome === 'copied' ? 'Copied' : outcome === 'failed' ? 'Could not copy' : 'Copy'}
        </span>
      </button>
      <span className="visually-hidden" role="status">
        {outcome === 'copied'
          ? 'Code copied to the clipboard'
          : outcome === 'failed'
            ? 'Could not copy the code'
            : ''}
      </span>
    </>
  );
}

function languageOf(code: Element): string | null {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return null;
  for (const c of classes) if (typeof c === 'string' && c.startsWith('language-')) return c.slice(9);
  return null;
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

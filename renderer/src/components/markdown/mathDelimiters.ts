/**
 * Models write LaTeX with `\(…\)` and `\[…\]` as often as with dollars, but Markdown
 * reads `\(` and `\[` as escaped punctuation and drops the backslash. Before parsing,
 * those delimiters become the `$…$` / `$$…$$` that remark-math understands. Code
 * (fenced blocks and inline code spans) is left exactly as written.
 */
const FENCE = /^\s*(`{3,}|~{3,})/;
const INLINE_CODE = /(`+)[\s\S]*?\1/g;
const DISPLAY = /\\\[([\s\S]+?)\\\]/g;
const INLINE = /\\\(([\s\S]+?)\\\)/g;

export function normaliseMathDelimiters(source: string): string {
  if (!source.includes('\\(') && !source.includes('\\[')) return source;
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (prose.length) out.push(convertProse(prose.join('\n')));
    prose = [];
  };
  for (const line of source.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      out.push(line);
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = null;
    } else if (marker) {
      flush();
      out.push(line);
      fence = marker;
    } else prose.push(line);
  }
  flush();
  return out.join('\n');
}

/** Converts delimiters in prose, skipping inline code spans. */
function convertProse(text: string): string {
  let result = '';
  let at = 0;
  for (const code of text.matchAll(INLINE_CODE)) {
    result += convertMath(text.slice(at, code.index)) + code[0];
    at = code.index + code[0].length;
  }
  return result + convertMath(text.slice(at));
}

function convertMath(text: string): string {
  return text
    .replace(DISPLAY, (_, body: string, offset: number, whole: string) => {
      const ownLine = offset === 0 || whole[offset - 1] === '\n';
      return ownLine ? `$$\n${body.trim()}\n$$` : `$$${body.trim()}$$`;
    })
    .replace(INLINE, (_, body: string) => `$${body.trim()}$`);
}

/**
 * Redacts a JSON-lines log (a chunk log) as reassembled text: the string values that
 * sit at the same place in successive lines (every text-delta's `payload.delta`, every
 * raw event's `choices.0.delta.content`, …) are the pieces of one streamed text, so a
 * key split across chunks is found and masked in each chunk that carries part of it.
 * Lines stay valid JSON; a line that is not JSON is redacted as plain text.
 */
import type { Redactor } from './Redactor';

interface Leaf {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  text: string;
}

function collect(value: unknown, path: string, into: Map<string, Leaf[]>, depth = 0): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, child] of entries) {
    // Array indexes are part of the place ("choices.0"), so a stream's pieces line up.
    const at = `${path}.${key}`;
    if (typeof child === 'string') {
      const leaves = into.get(at) ?? [];
      leaves.push({ holder: value as Leaf['holder'], key, text: child });
      into.set(at, leaves);
    } else collect(child, at, into, depth + 1);
  }
}

export function redactJsonLines(jsonl: string, redactor: Redactor): string {
  const lines = jsonl.split('\n');
  const parsed = lines.map((line) => {
    if (line.trim() === '') return undefined;
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return undefined;
    }
  });
  const places = new Map<string, Leaf[]>();
  parsed.forEach((value, i) => {
    const type = (value as { type?: unknown } | undefined)?.type;
    collect(value, typeof type === 'string' ? type : `line${i}`, places);
  });
  for (const leaves of places.values()) {
    const redacted = redactor.redactPieces(leaves.map((l) => l.text));
    leaves.forEach((leaf, i) => {
      (leaf.holder as Record<string | number, unknown>)[leaf.key] = redacted[i];
    });
  }
  return lines
    .map((line, i) => redactor.redact(parsed[i] === undefined ? line : JSON.stringify(parsed[i])))
    .join('\n');
}

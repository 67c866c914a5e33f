/**
 * Measures partial-JSON libraries against the AI SDK's `parsePartialJson` on every prefix of
 * the inputs that tests/unit/reduce/partialJson.test.ts generates (200 random JSON documents,
 * compact or indented, and 300 strings of JSON punctuation), with a fixed seed, to show why
 * shared/partialJson.ts is a port rather than a library (the numbers quoted there).
 * The candidates are not Spool dependencies; install them anywhere outside the repo first:
 *
 *   mkdir -p /tmp/pj && cd /tmp/pj && npm init -y && npm i --legacy-peer-deps partial-json \
 *     jsonrepair untruncate-json best-effort-json-parser partial-json-parser \
 *     incomplete-json-parser @streamparser/json @ai-sdk/ui-utils
 *   cd - && npx tsx scripts/partialJsonCandidates.ts /tmp/pj [seed]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { secureJsonParse } from '@ai-sdk/provider-utils';
import { parsePartialJson as sdkParsePartialJson } from 'ai';
import fc from 'fast-check';
import { parsePartialJson as port } from '../shared/partialJson';

type Parse = (text: string) => unknown;
type Module = Record<string, (...args: unknown[]) => unknown> & ((...args: unknown[]) => unknown);

const [dir, seedArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: npx tsx scripts/partialJsonCandidates.ts <candidates-dir> [seed]');
const seed = Number(seedArg ?? 17);
const load = createRequire(join(dir, 'package.json')) as (name: string) => Module;
const version = (name: string): string =>
  (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

function orUndefined(parse: Parse): Parse {
  return (text) => {
    try {
      return parse(text);
    } catch {
      return undefined;
    }
  };
}
/** A string repairer in the SDK's shape: parse as is, else repair and parse. */
const viaRepair = (repair: (text: string) => string): Parse =>
  orUndefined((text) => orUndefined(secureJsonParse)(text) ?? secureJsonParse(repair(text)));

interface StreamValue {
  value: unknown;
  key?: string | number;
  parent?: Record<string | number, unknown>;
  stack: { value: unknown }[];
  partial?: boolean;
}
/** @streamparser/json's last emitted (partial) value, put back into the root it belongs to. */
function streamparser(text: string): unknown {
  const { JSONParser } = load('@streamparser/json') as unknown as {
    JSONParser: new (o: object) => { onValue: (v: StreamValue) => void; onError: () => void; write: Parse };
  };
  const parser = new JSONParser({ emitPartialTokens: true, emitPartialValues: true });
  let last: StreamValue | undefined;
  parser.onValue = (v) => (last = v);
  parser.onError = () => {};
  orUndefined(parser.write.bind(parser))(text);
  if (!last) return undefined;
  // stack holds the ancestors of parent; stack[0] stands for the root's own (absent) parent.
  const root = last.stack.length > 1 ? last.stack[1]?.value : (last.parent ?? last.value);
  const { parent, key, value, partial } = last;
  if (!partial || value === undefined || !parent || key === undefined) return structuredClone(root);
  const had = Object.hasOwn(parent, key);
  const before = parent[key];
  parent[key] = value;
  const snapshot = structuredClone(root);
  if (had) parent[key] = before;
  else delete parent[key];
  return snapshot;
}

const pj = load('partial-json');
const bejp = load('best-effort-json-parser');
bejp.disableErrorLogging?.();
const candidates: Record<string, Parse> = {
  'shared/partialJson.ts (the port)': port,
  [`@ai-sdk/ui-utils@${version('@ai-sdk/ui-utils')}`]: (t) =>
    (load('@ai-sdk/ui-utils').parsePartialJson!(t) as { value: unknown }).value,
  [`partial-json@${version('partial-json')}`]: orUndefined((t) => pj.parse!(t)),
  [`untruncate-json@${version('untruncate-json')} + secureJsonParse`]: viaRepair(
    (t) => load('untruncate-json').default!(t) as string,
  ),
  [`jsonrepair@${version('jsonrepair')} + secureJsonParse`]: viaRepair(
    (t) => load('jsonrepair').jsonrepair!(t) as string,
  ),
  [`@streamparser/json@${version('@streamparser/json')} (partial values)`]: streamparser,
  [`best-effort-json-parser@${version('best-effort-json-parser')}`]: orUndefined((t) => bejp.parse!(t)),
  [`partial-json-parser@${version('partial-json-parser')}`]: orUndefined((t) =>
    load('partial-json-parser')(t),
  ),
  [`incomplete-json-parser@${version('incomplete-json-parser')}`]: orUndefined((t) =>
    (load('incomplete-json-parser').IncompleteJsonParser as unknown as Module).parse!(t),
  ),
};

/** The first reason that applies, in the order the SDK's peculiarities are most common. */
function reason(prefix: string, isDocument: boolean, sdk: unknown, got: unknown): string {
  const end = prefix.trimEnd();
  if (/\\u[0-9a-fA-F]{0,3}$/.test(prefix)) return 'a string ending inside a "\\u" escape';
  if (!isDocument) return 'a string of JSON punctuation (the SDK skips what it cannot read)';
  if (/[0-9][eE]\+/.test(prefix)) return 'after a number with "e+" (the SDK ends the number at "+")';
  if (/[0-9]\.$/.test(end)) return 'a number ending in "." (the SDK shows the digits)';
  if (/[0-9][eE][-]?$/.test(end)) return 'a number ending in "e" or "e-" (the SDK shows the digits)';
  if (/(^|[[,:\s])-$/.test(end)) return 'a lone "-" (the SDK shows no value)';
  if (/\\$/.test(prefix)) return 'a string ending in "\\" (the SDK drops the backslash)';
  if (/:$/.test(end)) return 'a key without its value yet (the SDK drops the key)';
  if (/(^|[[,:\s])(tr?u?|fa?l?s?|nu?l?)$/.test(end)) return 'a partial true, false or null';
  if (prefix !== end) return 'trailing whitespace';
  if (sdk === undefined) return 'the SDK shows nothing, the candidate a value';
  if (got === undefined) return 'the candidate shows nothing, the SDK a value';
  return 'other';
}

async function main(): Promise<void> {
  const documents = fc
    .sample(fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.boolean()), { seed, numRuns: 200 })
    .map(([value, indent]) => JSON.stringify(value, null, indent ? 1 : undefined));
  const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]:,"\\u0-9e.tfnrl ae'.split('')), maxLength: 30 });
  const prefixes = [...documents, ...fc.sample(jsonish, { seed, numRuns: 300 })].flatMap((text, n) =>
    Array.from({ length: text.length + 1 }, (_, i) => ({ prefix: text.slice(0, i), isDocument: n < 200 })),
  );
  const sdk = await Promise.all(
    prefixes.map(async ({ prefix }) => (await sdkParsePartialJson(prefix)).value),
  );
  const inDocuments = prefixes.filter((p) => p.isDocument).length;
  console.log(`seed ${seed}: ${prefixes.length} prefixes, ${inDocuments} of them of JSON documents`);
  for (const [name, parse] of Object.entries(candidates)) {
    const reasons = new Map<string, number>();
    prefixes.forEach(({ prefix, isDocument }, i) => {
      const got = parse(prefix);
      if (isDeepStrictEqual(got, sdk[i])) return;
      const r = reason(prefix, isDocument, sdk[i], got);
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    });
    const differ = [...reasons.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${name}: ${differ} of ${prefixes.length} prefixes differ from the SDK`);
    for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1]))
      console.log(`  ${String(n).padStart(6)}  ${r}`);
  }
}

void main();

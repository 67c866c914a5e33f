import { secureJsonParse } from '@ai-sdk/provider-utils';

/**
 * Synchronous partial-JSON parsing for streamed tool input, matching the AI SDK's
 * `parsePartialJson` (ai/src/util/parse-partial-json.ts + fix-json.ts, Apache-2.0)
 * so our reducer shows the same `input` while a tool call streams (the SDK oracle test
 * in tests/unit/reduce compares the parts it builds). The SDK's version is async and no
 * package exports its `fixJson` (neither `ai` 6 nor 7 with their subpaths, nor
 * @ai-sdk/provider-utils 4 or 5; @ai-sdk/react awaits the async one), so `fixJson` is
 * ported here; the parse after it is the SDK's own `secureJsonParse` (refuses
 * prototype-poisoning keys). Tested against the SDK on every prefix of random JSON documents
 * (tests/unit/reduce/partialJson.test.ts).
 *
 * Why not a library: none reads prefixes as the SDK does. On the test's inputs with seed 17
 * (19 428 prefixes: 17 770 of 200 JSON documents, the rest of 300 punctuation strings),
 * `npx tsx scripts/partialJsonCandidates.ts <dir>` counts the prefixes that differ:
 * - untruncate-json 0.0.1 (+ secureJsonParse), a single release: 1 169 — 926 after a number
 *   written with "e+", 173 punctuation strings, 70 a lone "-" (it reads "-0");
 * - partial-json 0.1.7: 1 261 — 978 "e+", 162 a number ending in "." (dropped), 109
 *   punctuation, 9 trailing spaces of an open string (trimmed), 3 a lone "-";
 * - @streamparser/json 0.0.26 (partial values): 1 719 — 1 260 "e+", 400 a number ending in
 *   ".", "e" or "e-" (not shown until complete), 35 punctuation, 21 a string ending in "\";
 * - jsonrepair 3.15.0: 7 762 (it repairs: `{"a":n` is `{"a":"n"}`, `{"a":` is `{"a":null}`);
 *   incomplete-json-parser 1.1.5: 12 854; best-effort-json-parser 1.5.1: 14 099;
 *   partial-json-parser 1.2.2: 15 164;
 * - @ai-sdk/ui-utils 1.2.11 (the AI SDK 4's synchronous export): 0 here, 5 of 18 392 with
 *   seed 5 — it cannot repair a string ending inside a "\u" escape (`"ab\u` gives nothing,
 *   the SDK "ab") — and it wants zod 3 as a peer; Spool is on zod 4.
 * The "e+" and punctuation classes are the SDK's own reading: its number state has no "+", so
 * inside an object `{"a":1e+5` shows `{"a":1}` until the next value starts (in an array the
 * whole number), and it skips characters it cannot place. Reproducing that needs the
 * container stack, which is this port, not a thin wrapper around a library.
 */

type State =
  | 'ROOT'
  | 'FINISH'
  | 'INSIDE_STRING'
  | 'INSIDE_STRING_ESCAPE'
  | 'INSIDE_STRING_UNICODE_ESCAPE'
  | 'INSIDE_LITERAL'
  | 'INSIDE_NUMBER'
  | 'INSIDE_OBJECT_START'
  | 'INSIDE_OBJECT_KEY'
  | 'INSIDE_OBJECT_AFTER_KEY'
  | 'INSIDE_OBJECT_BEFORE_VALUE'
  | 'INSIDE_OBJECT_AFTER_VALUE'
  | 'INSIDE_OBJECT_AFTER_COMMA'
  | 'INSIDE_ARRAY_START'
  | 'INSIDE_ARRAY_AFTER_VALUE'
  | 'INSIDE_ARRAY_AFTER_COMMA';

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
const LITERALS = ['true', 'false', 'null'];

/** Closes whatever is open in a JSON prefix so that it parses (the SDK's `fixJson`). */
export function fixJson(input: string): string {
  const stack: State[] = ['ROOT'];
  let lastValid = -1;
  let literalStart = 0;
  let hexDigits = 0;
  const replaceTop = (next: State, push: State): void => {
    stack.pop();
    stack.push(next, push);
  };
  const top = (): State | undefined => stack[stack.length - 1];

  function valueStart(c: string, i: number, after: State): void {
    if (c === '"') replaceTop(after, 'INSIDE_STRING');
    else if (c === 'f' || c === 't' || c === 'n') {
      literalStart = i;
      replaceTop(after, 'INSIDE_LITERAL');
    } else if (c === '-') return replaceTop(after, 'INSIDE_NUMBER');
    else if (isDigit(c)) replaceTop(after, 'INSIDE_NUMBER');
    else if (c === '{') replaceTop(after, 'INSIDE_OBJECT_START');
    else if (c === '[') replaceTop(after, 'INSIDE_ARRAY_START');
    else return;
    lastValid = i;
  }
  function afterContainerValue(c: string, i: number): void {
    const t = top();
    if (t !== 'INSIDE_OBJECT_AFTER_VALUE' && t !== 'INSIDE_ARRAY_AFTER_VALUE') return;
    const close = t === 'INSIDE_OBJECT_AFTER_VALUE' ? '}' : ']';
    if (c === ',') {
      stack.pop();
      stack.push(
        t === 'INSIDE_OBJECT_AFTER_VALUE' ? 'INSIDE_OBJECT_AFTER_COMMA' : 'INSIDE_ARRAY_AFTER_COMMA',
      );
    } else if (c === close) {
      lastValid = i;
      stack.pop();
    }
  }

  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    switch (top()) {
      case 'ROOT':
        valueStart(c, i, 'FINISH');
        break;
      case 'INSIDE_OBJECT_START':
        if (c === '"') replaceTopOnly(stack, 'INSIDE_OBJECT_KEY');
        else if (c === '}') {
          lastValid = i;
          stack.pop();
        }
        break;
      case 'INSIDE_OBJECT_AFTER_COMMA':
        if (c === '"') replaceTopOnly(stack, 'INSIDE_OBJECT_KEY');
        break;
      case 'INSIDE_OBJECT_KEY':
        if (c === '"') replaceTopOnly(stack, 'INSIDE_OBJECT_AFTER_KEY');
        break;
      case 'INSIDE_OBJECT_AFTER_KEY':
        if (c === ':') replaceTopOnly(stack, 'INSIDE_OBJECT_BEFORE_VALUE');
        break;
      case 'INSIDE_OBJECT_BEFORE_VALUE':
        valueStart(c, i, 'INSIDE_OBJECT_AFTER_VALUE');
        break;
      case 'INSIDE_OBJECT_AFTER_VALUE':
        afterContainerValue(c, i);
        break;
      case 'INSIDE_STRING':
        if (c === '"') {
          stack.pop();
          lastValid = i;
        } else if (c === '\\') stack.push('INSIDE_STRING_ESCAPE');
        else lastValid = i;
        break;
      case 'INSIDE_ARRAY_START':
        if (c === ']') {
          lastValid = i;
          stack.pop();
        } else {
          lastValid = i;
          valueStart(c, i, 'INSIDE_ARRAY_AFTER_VALUE');
        }
        break;
      case 'INSIDE_ARRAY_AFTER_VALUE':
        if (c === ',') replaceTopOnly(stack, 'INSIDE_ARRAY_AFTER_COMMA');
        else if (c === ']') {
          lastValid = i;
          stack.pop();
        } else lastValid = i;
        break;
      case 'INSIDE_ARRAY_AFTER_COMMA':
        valueStart(c, i, 'INSIDE_ARRAY_AFTER_VALUE');
        break;
      case 'INSIDE_STRING_ESCAPE':
        stack.pop();
        if (c === 'u') {
          hexDigits = 0;
          stack.push('INSIDE_STRING_UNICODE_ESCAPE');
        } else lastValid = i;
        break;
      case 'INSIDE_STRING_UNICODE_ESCAPE':
        if (isHex(c) && ++hexDigits === 4) {
          stack.pop();
          lastValid = i;
        }
        break;
      case 'INSIDE_NUMBER':
        if (isDigit(c)) lastValid = i;
        else if (c === 'e' || c === 'E' || c === '-' || c === '.') break;
        else {
          stack.pop();
          if (c === ',' || c === '}' || c === ']') {
            // The SDK only lets a closer end the container of its own kind.
            const t = top();
            if (
              c === ',' ||
              (c === '}' && t === 'INSIDE_OBJECT_AFTER_VALUE') ||
              (c === ']' && t === 'INSIDE_ARRAY_AFTER_VALUE')
            )
              afterContainerValue(c, i);
          }
        }
        break;
      case 'INSIDE_LITERAL': {
        const partial = input.substring(literalStart, i + 1);
        if (LITERALS.some((l) => l.startsWith(partial))) lastValid = i;
        else {
          stack.pop();
          afterContainerValue(c, i);
        }
        break;
      }
      default:
        break;
    }
  }

  let result = input.slice(0, lastValid + 1);
  for (let i = stack.length - 1; i >= 0; i--) {
    const state = stack[i] as State;
    if (state === 'INSIDE_STRING') result += '"';
    else if (state.startsWith('INSIDE_OBJECT')) result += '}';
    else if (state.startsWith('INSIDE_ARRAY')) result += ']';
    else if (state === 'INSIDE_LITERAL') {
      const partial = input.substring(literalStart);
      const literal = LITERALS.find((l) => l.startsWith(partial));
      if (literal) result += literal.slice(partial.length);
    }
  }
  return result;
}

function replaceTopOnly(stack: State[], next: State): void {
  stack.pop();
  stack.push(next);
}

/** The value of a JSON prefix as the SDK would show it, or undefined when it cannot be repaired. */
export function parsePartialJson(text: string): unknown {
  try {
    return secureJsonParse(text);
  } catch {
    try {
      return secureJsonParse(fixJson(text));
    } catch {
      return undefined;
    }
  }
}

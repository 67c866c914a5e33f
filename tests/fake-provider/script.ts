/**
 * What the fake provider does for one request, chosen by the model name alone so a
 * test in another process (E2E through the real UI) can pick a behaviour by typing a
 * model: `script:<preset>[?option=value&…]`, e.g. `script:cut-after-5?tps=20`.
 */

export type FaultKind = 'cut' | 'stall' | 'malformed-sse' | 'invalid-json' | 'error-event';

export interface ToolCallScript {
  id: string;
  name: string;
  /** The arguments JSON, streamed in pieces. */
  args: string;
}

export interface Script {
  /** The preset name, for logs. */
  name: string;
  reasoning?: string;
  text: string;
  tool?: ToolCallScript;
  /** Tokens per second; 0 = as fast as possible; undefined = the server's default. */
  tps?: number;
  /** Send the whole text as one delta (the 3 MiB single-event case). */
  singleDelta?: boolean;
  /** Write every frame holding a multi-byte character as two writes split inside it. */
  splitMultibyte?: boolean;
  /** Never answer at all: no status line, no headers. */
  hang?: boolean;
  /**
   * Answer with this HTTP error for `times` requests of this model after its first `after`
   * (default 0) were answered normally; the others get the reply.
   */
  httpError?: { status: number; times: number; after: number; retryAfter?: string; message: string };
  /** A fault injected after `after` content deltas of a streamed (200) reply. */
  fault?: { kind: FaultKind; after: number; status: number; message: string };
}

export const DEFAULT_TEXT =
  'Hello! This is the Spool fake provider. It streams a scripted reply token by token, ' +
  'so you can try sending, stopping and continuing without an API key.';

export const SPLIT_UTF8_TEXT = 'Price: 5 € — a rocket 🚀 and “quotes”, Ünïcödé, 日本語. Done.';

const REASONING_TEXT = 'The user greeted me. I should answer briefly and kindly.';
const TOOL_ARGS = '{"city":"Paris","unit":"celsius","days":3}';

/** Models listed by GET /v1/models and /api/tags: one per preset, for model pickers. */
export const LISTED_MODELS = [
  'fake-chat',
  'script:hello',
  'script:echo',
  'script:long',
  'script:reasoning',
  'script:tool-call',
  'script:split-utf8',
  'script:big',
  'script:cut-after-5',
  'script:stall-after-5',
  'script:error-after-5',
  'script:http-429?times=1&retry-after=1',
  'script:http-500?times=2',
  'script:http-500',
];

const LOREM =
  'Spool keeps every chunk of every reply in a log on disk before anyone sees it, so a crash, a reload ' +
  'or a lost connection never loses what was already said. ';

/** `bytes` bytes of deterministic ASCII text, for the oversized single event. */
export function bigText(bytes: number): string {
  const unit = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Text of about `n` word tokens. */
export function loremTokens(n: number): string {
  const words = LOREM.trim().split(/\s+/);
  return Array.from({ length: n }, (_, i) => words[i % words.length]).join(' ') + '.';
}

/** Splits text into word tokens whose concatenation is exactly the text. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

function faultMessage(status: number): string {
  if (status === 429) return 'Rate limit reached for this fake model: please slow down (scripted 429).';
  if (status === 401) return 'Invalid API key given to the fake provider (scripted 401).';
  return `The fake provider had an internal error (scripted ${status}).`;
}

function num(value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (value === 'always' || value === 'forever') return Infinity;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * Parses a model name into a script; anything not starting with `script:` gets the
 * server's default script (or the plain default reply).
 *
 * Presets: hello, echo, long, reasoning, tool-call, split-utf8, big, hang,
 * cut-after-N, stall-after-N, malformed-after-N, invalid-json-after-N, error-after-N,
 * http-NNN (or just NNN).
 * Options: tps, text, reasoning, tokens, bytes, times, after, retry-after, status, message.
 */
export function parseScript(model: string, lastUserText = ''): Script | undefined {
  if (!model.startsWith('script:')) return undefined;
  const spec = model.slice('script:'.length);
  const q = spec.indexOf('?');
  const preset = q < 0 ? spec : spec.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : spec.slice(q + 1));

  const script: Script = { name: preset, text: DEFAULT_TEXT };
  if (params.has('tps')) script.tps = num(params.get('tps'), 0);
  if (params.has('tokens')) script.text = loremTokens(num(params.get('tokens'), 50));
  const status = num(params.get('status'), 500);
  const message = params.get('message') ?? faultMessage(status);

  const faultMatch = /^(cut|stall|malformed|invalid-json|error)-after-(\d+)$/.exec(preset);
  const httpMatch = /^(?:http-)?(\d{3})$/.exec(preset);
  if (faultMatch) {
    const kind = ({ malformed: 'malformed-sse', error: 'error-event' } as const)[
      faultMatch[1] as 'malformed' | 'error'
    ];
    script.fault = {
      kind: kind ?? (faultMatch[1] as FaultKind),
      after: Number(faultMatch[2]),
      status,
      message,
    };
  } else if (httpMatch) {
    const httpStatus = Number(httpMatch[1]);
    const retryAfter = params.get('retry-after') ?? undefined;
    script.httpError = {
      status: httpStatus,
      times: num(params.get('times'), Infinity),
      after: num(params.get('after'), 0),
      message: params.get('message') ?? faultMessage(httpStatus),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    };
  } else {
    switch (preset) {
      case 'hello':
        break;
      case 'echo':
        script.text = `You said: ${lastUserText}`;
        break;
      case 'long':
        script.text = loremTokens(num(params.get('tokens'), 400));
        break;
      case 'reasoning':
        script.reasoning = REASONING_TEXT;
        script.text = 'Hello there!';
        break;
      case 'tool-call':
        script.text = 'Let me look that up.';
        script.tool = { id: 'call_fake_1', name: 'get_weather', args: TOOL_ARGS };
        break;
      case 'split-utf8':
        script.text = SPLIT_UTF8_TEXT;
        script.splitMultibyte = true;
        break;
      case 'big':
        script.text = bigText(num(params.get('bytes'), 3 * 1024 * 1024));
        script.singleDelta = true;
        break;
      case 'hang':
        script.hang = true;
        break;
      default:
        throw new Error(`Unknown fake-provider script "${preset}" (model "${model}").`);
    }
  }
  if (params.has('text')) script.text = params.get('text') ?? '';
  if (params.has('reasoning')) script.reasoning = params.get('reasoning') ?? '';
  return script;
}

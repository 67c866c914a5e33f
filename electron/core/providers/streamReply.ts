/**
 * One assistant reply from a provider as a pull-based stream of Spool chunks. The
 * engine consumes it with `for await`, so a slow chunk log pauses the provider read
 * (backpressure for free). Every way a reply can end — finish, Stop, a timeout, any
 * failure — ends the iterable with exactly one terminal chunk; it never throws.
 */
import type { streamText } from 'ai';
import type { ProviderConfig } from '../../../shared/api/schemas/providers';
import type { ReasoningEffort } from '../../../shared/api/schemas/params';
import type { Chunk } from '../../../shared/chunks';
import { classifyError, type ProviderFailure } from './errors';
import { LosslessTransport } from './losslessBody';
import { PartMapper, type SdkPart } from './mapParts';
import { buildPrompt, type ReplyMessage } from './messages';
import { createLanguageModel, defaultContinueStyle, type FetchFn } from './models';
import { DEFAULT_RETRY_POLICY, retryDelayMs, sleep, type RetryPolicy } from './retry';
import { streamLocalReply, type LocalRuntime } from '../local/streamLocalReply';

/** The SDK's providerOptions type, which `ai` does not export by name. */
type ProviderOptions = NonNullable<Parameters<typeof streamText>[0]['providerOptions']>;

export const DEFAULT_FIRST_CHUNK_TIMEOUT_MS = 180_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export interface RetryInfo {
  /** 1 for the first retry. */
  retry: number;
  maxRetries: number;
  delayMs: number;
  code: ProviderFailure['code'];
  errorText: string;
}

export interface StreamReplyOptions {
  config: ProviderConfig;
  apiKey?: string;
  model: string;
  /** Instructions sent ahead of the conversation (the conversation's or Settings' system prompt). */
  system?: string;
  /** The conversation so far, excluding the reply being written or continued. */
  messages: readonly ReplyMessage[];
  /** Continue: the partial assistant text; the chunks yielded append to it. */
  continueFrom?: string;
  /** Stop: aborts the HTTP request at once; the stream ends with an `abort` chunk. */
  abortSignal?: AbortSignal;
  /** Yield each provider event as a `raw` chunk. Default true. */
  rawCapture?: boolean;
  /** 0 or Infinity = none. */
  firstChunkTimeoutMs?: number;
  idleTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Told before each retry wait, e.g. to show "retrying in 2 s" (live only). */
  onRetry?: (info: RetryInfo) => void;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  /** Only for providers that take it (chat/replyParams.ts). */
  reasoningEffort?: ReasoningEffort;
  fetch?: FetchFn;
  /** Kind 'local': the in-process model runtime (electron/core/local). */
  local?: LocalRuntime;
}

type Step =
  | { kind: 'part'; part: SdkPart }
  | { kind: 'end' }
  | { kind: 'throw'; error: unknown }
  | { kind: 'timeout' }
  | { kind: 'abort' };

type AttemptResult = { kind: 'done' } | { kind: 'retry'; failure: ProviderFailure; held: Chunk[] };

const DONE: AttemptResult = { kind: 'done' };
const ABORT: Chunk = { type: 'abort', reason: 'stopped' };
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Parts that precede a reply's content; held back so a retry never shows twice. */
const PREAMBLE = new Set<SdkPart['type']>(['start', 'start-step', 'raw']);

/** A connection that drops once the reply has begun is lost, not failed to connect: it is its own class. */
function lostOnceBegun(failure: ProviderFailure, committed: boolean): ProviderFailure {
  return committed && failure.code === 'connect'
    ? { ...failure, code: 'connection_lost', retryable: false }
    : failure;
}

function errorChunk(failure: Pick<ProviderFailure, 'code' | 'message'>): Chunk {
  return { type: 'error', errorText: failure.message, code: failure.code };
}

/** Reasoning effort in each SDK provider's own option: OpenAI-compatible `reasoning_effort`, Anthropic `effort`. */
function effortOptions(kind: ProviderConfig['kind'], effort: ReasoningEffort): ProviderOptions {
  return kind === 'anthropic' ? { anthropic: { effort } } : { openaiCompatible: { reasoningEffort: effort } };
}

/** The next part, or whichever comes first of a timeout and an abort. Never rejects. */
function nextWithin(iterator: AsyncIterator<SdkPart>, ms: number, signal?: AbortSignal): Promise<Step> {
  const next: Promise<Step> = iterator.next().then(
    (r) => (r.done ? { kind: 'end' } : { kind: 'part', part: r.value }),
    (error: unknown) => ({ kind: 'throw', error }),
  );
  return new Promise<Step>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (step: Step) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(step);
    };
    const onAbort = () => settle({ kind: 'abort' });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(ms) && ms > 0)
      timer = setTimeout(() => settle({ kind: 'timeout' }), Math.min(ms, MAX_TIMER_MS));
    void next.then(settle);
  });
}

export async function* streamReply(options: StreamReplyOptions): AsyncGenerator<Chunk, void, undefined> {
  if (options.config.kind === 'local') return yield* streamLocalReply(options);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  for (let retry = 0; ; retry++) {
    if (options.abortSignal?.aborted) {
      yield ABORT;
      return;
    }
    const result = yield* attempt(options);
    if (result.kind === 'done') return;
    const delay = retryDelayMs(policy, retry + 1, result.failure);
    if (delay === undefined) {
      yield* result.held;
      yield errorChunk(result.failure);
      return;
    }
    options.onRetry?.({
      retry: retry + 1,
      maxRetries: policy.maxRetries,
      delayMs: delay,
      code: result.failure.code,
      errorText: result.failure.message,
    });
    if (!(await sleep(delay, options.abortSignal))) {
      yield ABORT;
      return;
    }
  }
}

/** One HTTP request. Returns 'retry' only if it failed before any content arrived. */
async function* attempt(o: StreamReplyOptions): AsyncGenerator<Chunk, AttemptResult, undefined> {
  const rawCapture = o.rawCapture ?? true;
  const firstChunkMs = o.firstChunkTimeoutMs ?? DEFAULT_FIRST_CHUNK_TIMEOUT_MS;
  const idleMs = o.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const secrets = [o.apiKey];
  const user = o.abortSignal;
  const controller = new AbortController();
  const linkAbort = () => controller.abort();
  user?.addEventListener('abort', linkAbort, { once: true });

  const plan = buildPrompt(o.messages, o.config.kind, defaultContinueStyle(o.config), o.continueFrom);
  const mapper = new PartMapper({ rawCapture, stripLeadingWhitespace: plan.stripLeadingWhitespace });
  const transport = new LosslessTransport(o.fetch);
  const { streamText } = await import('ai');
  const result = streamText({
    model: await createLanguageModel(o.config, o.apiKey, o.model, transport.fetch),
    ...(o.system ? { system: o.system } : {}),
    messages: plan.messages,
    allowSystemInMessages: true,
    // Retries are ours: with jitter, and never once output has begun.
    maxRetries: 0,
    // Always on: provider events (pings included) are what the timeouts watch.
    includeRawChunks: true,
    abortSignal: controller.signal,
    ...(o.maxOutputTokens ? { maxOutputTokens: o.maxOutputTokens } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.topP !== undefined ? { topP: o.topP } : {}),
    ...(o.reasoningEffort ? { providerOptions: effortOptions(o.config.kind, o.reasoningEffort) } : {}),
    // Errors arrive as parts; the default handler would log them.
    onError: () => {},
  });
  const iterator = result.fullStream[Symbol.asyncIterator]();

  const held: Chunk[] = [];
  let active = false; // a provider event arrived: the idle timeout applies from now
  let committed = false; // content arrived: no retry from now on
  let finished = false;
  const fail = function* (error: unknown): Generator<Chunk, AttemptResult> {
    if (user?.aborted) {
      yield* held.splice(0);
      yield ABORT;
      return DONE;
    }
    const failure = lostOnceBegun(classifyError(error, secrets), committed);
    if (!committed && failure.retryable) return { kind: 'retry', failure, held: held.splice(0) };
    yield* held.splice(0);
    yield errorChunk(failure);
    return DONE;
  };

  try {
    for (;;) {
      const step = await nextWithin(iterator, active ? idleMs : firstChunkMs, user);
      if (step.kind === 'abort') {
        yield* held.splice(0);
        yield ABORT;
        return DONE;
      }
      if (step.kind === 'timeout') {
        const ms = active ? idleMs : firstChunkMs;
        const what = active ? 'sent nothing more' : 'did not start replying';
        yield* held.splice(0);
        yield errorChunk({
          code: active ? 'idle_timeout' : 'first_chunk_timeout',
          message: `The provider ${what} within ${Math.round(ms / 100) / 10} s, so Spool stopped waiting.`,
        });
        return DONE;
      }
      // A body cut short ends cleanly for the SDK (see losslessBody.ts); the cut is the real story.
      const cut = transport.failure;
      const ending = step.kind !== 'part' || step.part.type === 'finish' || step.part.type === 'error';
      if (cut && ending) return yield* fail(cut.error);
      if (step.kind === 'throw') return yield* fail(step.error);
      if (step.kind === 'end') {
        // The SDK always ends a complete stream with 'finish'.
        yield* held.splice(0);
        yield errorChunk({
          code: 'malformed',
          message: 'The provider stream ended before the reply finished.',
        });
        return DONE;
      }
      const part = step.part;
      if (part.type === 'raw') active = true;
      if (part.type === 'error') {
        const text = (part.error as { text?: unknown })?.text;
        if (rawCapture && typeof text === 'string') held.push({ type: 'raw', value: { unparsed: text } });
        return yield* fail(part.error);
      }
      if (part.type === 'abort') return yield* fail(new Error('aborted'));
      const chunks = mapper.map(part);
      if (!committed && PREAMBLE.has(part.type)) {
        held.push(...chunks);
        continue;
      }
      committed = true;
      yield* held.splice(0);
      yield* chunks;
      if (part.type === 'finish') {
        finished = true;
        return DONE;
      }
    }
  } finally {
    user?.removeEventListener('abort', linkAbort);
    // Stop, a timeout, an error or a consumer that walked away: close the request now.
    if (!finished) controller.abort();
  }
}

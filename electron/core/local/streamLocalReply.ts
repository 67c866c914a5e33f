/**
 * A local model's reply under the same contract as an HTTP provider's (see
 * ../providers/README.md): an AsyncIterable of Spool chunks that never throws and
 * ends with exactly one of finish, error, abort; Stop aborts generation at once.
 *
 * Tokens produced while the engine was busy with the previous ones are coalesced
 * into one text-delta (and one raw chunk): the text is identical, and at ~1000
 * tokens/s one chunk per token would make the chunk log the bottleneck. The raw
 * chunk keeps what the model emitted: its token ids and their text.
 */
import type { Chunk } from '../../../shared/chunks';
import type { ReplyMessage } from '../providers/messages';
import { sleep } from '../providers/retry';
import type { LocalEvent, LocalLlm } from './LocalLlm';
import type { GenerateRequest } from './protocol';

/** What a local reply needs from the app: where a model id's file is, and the tuning. */
export interface LocalRuntime {
  llm: LocalLlm;
  /** The model's file, or a LocalModelError (not found, not GGUF, cut off). */
  resolveModel(modelId: string): Promise<string>;
  tuning: LocalTuning;
}

export interface LocalTuning {
  threads: number;
  temperature: number;
  maxTokens: number;
  contextSize: number;
  seed?: number;
  /** Test-only: release at most this many tokens per second (0 = as fast as they come). */
  tokensPerSecond: number;
}

export interface LocalReplyOptions {
  model: string;
  system?: string;
  messages: readonly ReplyMessage[];
  continueFrom?: string;
  abortSignal?: AbortSignal;
  rawCapture?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  local?: LocalRuntime;
}

const TEXT_ID = 'txt-0';
const BATCH_MS = 8;
const ABORT: Chunk = { type: 'abort', reason: 'stopped' };

function turns(messages: readonly ReplyMessage[]): GenerateRequest['messages'] {
  return messages
    .map((m) => ({
      role: m.role as 'system' | 'user' | 'assistant',
      text: m.parts.map((p) => (p.type === 'text' ? p.text : '')).join(''),
    }))
    .filter((m) => m.text.length > 0);
}

/** Worker events, buffered until the consumer pulls; a pull takes everything that has arrived. */
class EventQueue {
  private events: LocalEvent[] = [];
  private wake: (() => void) | undefined;

  push = (event: LocalEvent): void => {
    this.events.push(event);
    this.wake?.();
  };

  /** Waits for at least one event (or the signal). Returns them all, or undefined on abort. */
  async take(signal: AbortSignal | undefined, max = Infinity): Promise<LocalEvent[] | undefined> {
    while (this.events.length === 0) {
      if (signal?.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.wake = undefined;
          signal?.removeEventListener('abort', done);
          resolve();
        };
        this.wake = done;
        signal?.addEventListener('abort', done, { once: true });
      });
    }
    if (signal?.aborted) return undefined;
    return this.events.splice(0, max);
  }
}

function errorChunk(message: string): Chunk {
  return { type: 'error', code: 'provider', errorText: message };
}

export async function* streamLocalReply(o: LocalReplyOptions): AsyncGenerator<Chunk, void, undefined> {
  const signal = o.abortSignal;
  if (signal?.aborted) return yield ABORT;
  if (!o.local) return yield errorChunk('Local models are not available in this Spool process.');
  const { llm, tuning } = o.local;
  let modelPath: string;
  try {
    modelPath = await o.local.resolveModel(o.model);
  } catch (err) {
    return yield errorChunk((err as Error).message);
  }
  if (signal?.aborted) return yield ABORT;

  const rawCapture = o.rawCapture ?? true;
  const queue = new EventQueue();
  const generation = llm.generate(
    {
      modelPath,
      threads: tuning.threads,
      messages: [...(o.system ? [{ role: 'system' as const, text: o.system }] : []), ...turns(o.messages)],
      ...(o.continueFrom ? { continueFrom: o.continueFrom } : {}),
      maxTokens: o.maxOutputTokens ?? tuning.maxTokens,
      temperature: o.temperature ?? tuning.temperature,
      ...(o.topP !== undefined ? { topP: o.topP } : {}),
      contextSize: tuning.contextSize,
      // Paced (tests) = one token per event; otherwise what ~8 ms produce travels together.
      batchMs: tuning.tokensPerSecond > 0 ? 0 : BATCH_MS,
      ...(tuning.seed !== undefined ? { seed: tuning.seed } : {}),
    },
    queue.push,
  );
  // At most one event per pull when paced, so each gets its own moment on screen.
  const paceMs = tuning.tokensPerSecond > 0 ? 1000 / tuning.tokensPerSecond : 0;
  let ended = false;
  let textOpen = false;
  try {
    for (;;) {
      const events = await queue.take(signal, paceMs ? 1 : Infinity);
      if (!events) return yield ABORT;
      let delta = '';
      const tokens: number[] = [];
      const out: Chunk[] = [];
      const flushText = () => {
        if (!delta) return;
        if (rawCapture) out.push({ type: 'raw', value: { text: delta, tokens: tokens.splice(0) } });
        if (!textOpen) out.push({ type: 'text-start', id: TEXT_ID });
        textOpen = true;
        out.push({ type: 'text-delta', id: TEXT_ID, delta });
        delta = '';
      };
      for (const event of events) {
        if (event.type === 'text') {
          delta += event.text;
          tokens.push(...event.tokens);
          continue;
        }
        flushText();
        if (event.type === 'started') {
          out.push({ type: 'start' }, { type: 'start-step' });
          if (rawCapture) out.push({ type: 'raw', value: { started: event.prompt, loadMs: event.loadMs } });
        } else if (event.type === 'done') {
          ended = true;
          if (event.stopReason === 'abort') return yield* [...out, ABORT];
          if (textOpen) out.push({ type: 'text-end', id: TEXT_ID });
          if (rawCapture)
            out.push({ type: 'raw', value: { stopReason: event.stopReason, tokens: event.tokens } });
          out.push(
            { type: 'finish-step' },
            {
              type: 'finish',
              finishReason: event.stopReason === 'maxTokens' ? 'length' : 'stop',
              ...(event.usage ? { usage: event.usage } : {}),
            },
          );
          return yield* out;
        } else {
          ended = true;
          return yield* [...out, errorChunk(`The local model failed: ${event.message}`)];
        }
      }
      flushText();
      yield* out;
      if (paceMs && !(await sleep(paceMs, signal))) return yield ABORT;
    }
  } finally {
    // Stop, or a consumer that walked away: the worker stops generating now.
    if (!ended) generation.abort();
  }
}

/**
 * A non-streaming answer (`stream` absent or false, as the AI SDK's generateText
 * sends): the whole completion as one JSON body, after as long as the script's rate
 * would have taken to stream it, so a test can act while the request is in flight.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Dialect } from './dialects';
import { tokenize, type Script } from './script';

/** Waits `ms` unless the client leaves first; true when it is still there. */
async function waitFor(res: ServerResponse, ms: number): Promise<boolean> {
  if (ms > 0) {
    const gone = new Promise<void>((resolve) => res.once('close', () => resolve()));
    await Promise.race([delay(ms), gone]);
  }
  return !res.destroyed;
}

/** The request's output cap (OpenAI `max_tokens` / `max_completion_tokens`, Anthropic `max_tokens`). */
function maxTokensOf(body: unknown): number {
  const b = (body ?? {}) as { max_tokens?: unknown; max_completion_tokens?: unknown };
  const cap = b.max_completion_tokens ?? b.max_tokens;
  return typeof cap === 'number' && cap > 0 ? cap : Infinity;
}

export async function answerWhole(
  res: ServerResponse,
  dialect: Dialect,
  whole: Script,
  model: string,
  tps: number,
  body: unknown,
): Promise<void> {
  // Cut at the request's cap, as a real server would (a title asks for a few tokens).
  const words = tokenize(whole.text);
  const script = { ...whole, text: words.slice(0, maxTokensOf(body)).join('') };
  const tokens = tokenize(script.text).length;
  const fault = script.fault;
  const before = fault ? Math.min(fault.after, tokens) : tokens;
  if (!(await waitFor(res, tps > 0 ? (before * 1000) / tps : 0))) return;
  if (fault?.kind === 'stall') return; // the socket stays open until the client leaves
  if (fault?.kind === 'cut') return void res.destroy();
  if (fault?.kind === 'error-event') {
    res.writeHead(fault.status, { 'content-type': 'application/json' });
    return void res.end(JSON.stringify(dialect.errorBody(fault.status, fault.message)));
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  if (fault) return void res.end('{"this is not": json');
  res.end(JSON.stringify(dialect.completion(script, model, tokens)));
}

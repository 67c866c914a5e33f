/**
 * A conversation's reply parameters as one provider takes them. The API validates the
 * widest ranges (shared/api/schemas/params.ts); a provider with a narrower one refuses
 * here, before anything is written, in words that say what to change.
 */
import { ApiFailure } from '../../../shared/api/result';
import type { ReplyParams } from '../../../shared/api/schemas/params';
import type { ProviderKind } from '../../../shared/api/schemas/providers';

/** Anthropic's Messages API takes a temperature from 0 to 1 (OpenAI's goes to 2). */
const MAX_TEMPERATURE: Partial<Record<ProviderKind, number>> = { anthropic: 1 };

/** Providers that take a reasoning effort (OpenAI-compatible `reasoning_effort`, Anthropic `effort`). */
const TAKES_REASONING_EFFORT: ReadonlySet<ProviderKind> = new Set([
  'openai-compatible',
  'ollama',
  'anthropic',
]);

/** What is sent to a provider of this kind: only what it takes. Throws BAD_REQUEST when out of its range. */
export function paramsFor(kind: ProviderKind, providerName: string, params: ReplyParams): ReplyParams {
  const max = MAX_TEMPERATURE[kind];
  if (max !== undefined && params.temperature !== undefined && params.temperature > max) {
    throw new ApiFailure(
      'BAD_REQUEST',
      `${providerName} takes a temperature from 0 to ${max}; this conversation's is ${params.temperature}. ` +
        'Change it in Conversation settings.',
    );
  }
  if (TAKES_REASONING_EFFORT.has(kind)) return { ...params };
  const { reasoningEffort: _notTaken, ...rest } = params;
  return rest;
}

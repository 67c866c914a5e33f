/**
 * Builds the AI SDK language model for a provider config. The SDK speaks the wire
 * protocols; Spool only chooses the endpoint and the key. The SDK packages are loaded
 * when a model is first built, not at start: commands that never talk to a provider
 * (`spool list`, exports) do not pay for them.
 */
import type { LanguageModel } from 'ai';
import type { ContinueStyle, ProviderConfig } from '../../../shared/api/schemas/providers';

export type FetchFn = typeof globalThis.fetch;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Ollama's OpenAI-compatible endpoint lives under /v1 of its server root. */
export function ollamaOpenAIBase(baseUrl: string): string {
  const root = trimSlash(baseUrl);
  return root.endsWith('/v1') ? root : `${root}/v1`;
}

/** Ollama's native API root (for /api/tags), whether the config says …:11434 or …:11434/v1. */
export function ollamaRoot(baseUrl: string): string {
  return trimSlash(baseUrl).replace(/\/v1$/, '');
}

export async function createLanguageModel(
  config: ProviderConfig,
  apiKey: string | undefined,
  model: string,
  fetch?: FetchFn,
): Promise<LanguageModel> {
  switch (config.kind) {
    case 'anthropic': {
      const { createAnthropic } = await import('@ai-sdk/anthropic');
      // An explicit (possibly empty) key keeps the SDK from reading ANTHROPIC_API_KEY
      // itself: which key is used is decided in one place, resolveApiKey.
      return createAnthropic({ baseURL: trimSlash(config.baseUrl), apiKey: apiKey ?? '', fetch })(model);
    }
    case 'ollama': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({
        name: 'ollama',
        baseURL: ollamaOpenAIBase(config.baseUrl),
        ...(apiKey ? { apiKey } : {}),
        includeUsage: true,
        fetch,
      }).chatModel(model);
    }
    case 'openai-compatible': {
      const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
      return createOpenAICompatible({
        name: 'openai-compatible',
        baseURL: trimSlash(config.baseUrl),
        ...(apiKey ? { apiKey } : {}),
        includeUsage: true,
        fetch,
      }).chatModel(model);
    }
    case 'local':
      // Runs in-process through node-llama-cpp: streamReply hands it to ../local.
      throw new Error('A local model has no HTTP endpoint (see electron/core/local).');
  }
}

/**
 * Anthropic treats a trailing assistant message as a prefill and Ollama, llama.cpp,
 * LM Studio and most local servers continue it too; OpenAI's own API answers it as
 * a finished turn, so there Continue asks in words instead.
 */
export function defaultContinueStyle(config: ProviderConfig): ContinueStyle {
  if (config.continueStyle) return config.continueStyle;
  if (config.kind !== 'openai-compatible') return 'prefix';
  try {
    return new URL(config.baseUrl).hostname === 'api.openai.com' ? 'instruction' : 'prefix';
  } catch {
    return 'prefix';
  }
}

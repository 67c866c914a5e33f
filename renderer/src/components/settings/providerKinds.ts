import type { KeySource, ProviderInfo, ProviderKind } from '../../../../shared/api/schemas/providers';

export const KIND_LABELS: Record<ProviderKind, string> = {
  'openai-compatible': 'OpenAI-compatible',
  anthropic: 'Anthropic',
  ollama: 'Ollama',
  local: 'Local model',
};

/** Where each kind usually lives; a new form starts with it. */
export const DEFAULT_BASE_URLS: Record<ProviderKind, string> = {
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  ollama: 'http://127.0.0.1:11434',
  local: '',
};

/** Where the key comes from, in words: never the key. */
export function describeKeySource(source: KeySource, envVar?: string): string {
  if (source === 'stored') return 'Key stored';
  if (source === 'env') return envVar ? `Key from environment (${envVar})` : 'Key from environment';
  return 'No key';
}

export function describeProvider(p: ProviderInfo): string {
  return `${KIND_LABELS[p.kind]} · ${p.baseUrl}`;
}

/**
 * The one place that decides which key a provider uses: the key stored for it
 * wins if it was saved for this very base URL (boundKey.ts); otherwise the usual environment variable of its kind fills in — but only
 * for the vendor's own host or a loopback server. An OPENAI_API_KEY set for OpenAI
 * must never be sent to OpenRouter, Groq or any other third party just because
 * they speak the same protocol.
 */
import type { KeySource, ProviderConfig, ProviderKind } from '../../../shared/api/schemas/providers';
import { keyFor } from './boundKey';
import { providerKeyRef, type SecretStore } from './SecretStore';

export type Env = Readonly<Record<string, string | undefined>>;

/** Hosts an environment key may be sent to, besides loopback. */
const VENDOR_HOSTS: Readonly<Partial<Record<ProviderKind, string>>> = {
  'openai-compatible': 'api.openai.com',
  anthropic: 'api.anthropic.com',
};

export function envKeyMaySendTo(kind: ProviderKind, baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  return host === VENDOR_HOSTS[kind] || host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

export const KEY_ENV_VARS: Readonly<Partial<Record<ProviderKind, string>>> = {
  'openai-compatible': 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

export interface ResolvedKey {
  key: string | undefined;
  source: KeySource;
  envVar?: string;
}

/**
 * `savedBaseUrl` is the provider's base URL as stored (by default `config` is the stored
 * provider; null = nothing is stored under its id): a key saved before keys were bound
 * counts as bound to it. A stored key bound to another URL is never used.
 */
export async function resolveApiKey(
  config: Pick<ProviderConfig, 'id' | 'kind' | 'baseUrl'>,
  secrets: SecretStore,
  env: Env,
  savedBaseUrl: string | null = config.baseUrl,
): Promise<ResolvedKey> {
  const envVar = KEY_ENV_VARS[config.kind];
  const value = await secrets.get(providerKeyRef(config.id));
  const stored = value ? keyFor(value, config.baseUrl, savedBaseUrl ?? undefined) : undefined;
  if (stored) return { key: stored, source: 'stored', ...(envVar ? { envVar } : {}) };
  const fromEnv = envVar ? env[envVar]?.trim() : undefined;
  if (envVar && fromEnv && envKeyMaySendTo(config.kind, config.baseUrl)) {
    return { key: fromEnv, source: 'env', envVar };
  }
  return { key: undefined, source: 'none', ...(envVar ? { envVar } : {}) };
}

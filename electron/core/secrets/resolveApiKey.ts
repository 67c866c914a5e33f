/**
 * The one place that decides which key a provider uses: an environment variable
 * for its kind overrides the stored key (the usual rule for a CLI: what you set for
 * this run wins), otherwise the stored one.
 *
 * Note the override applies to every provider of that kind: with OPENAI_API_KEY set,
 * each openai-compatible provider (OpenRouter, Groq, a local server…) is sent that
 * key. The settings screen shows `keySource: 'env'` so this is never a surprise.
 */
import type { KeySource, ProviderConfig, ProviderKind } from '../../../shared/api/schemas/providers';
import { providerKeyRef, type SecretStore } from './SecretStore';

export type Env = Readonly<Record<string, string | undefined>>;

export const KEY_ENV_VARS: Readonly<Partial<Record<ProviderKind, string>>> = {
  'openai-compatible': 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

export interface ResolvedKey {
  key: string | undefined;
  source: KeySource;
  envVar?: string;
}

export async function resolveApiKey(
  config: Pick<ProviderConfig, 'id' | 'kind'>,
  secrets: SecretStore,
  env: Env,
): Promise<ResolvedKey> {
  const envVar = KEY_ENV_VARS[config.kind];
  const fromEnv = envVar ? env[envVar]?.trim() : undefined;
  if (envVar && fromEnv) return { key: fromEnv, source: 'env', envVar };
  const stored = await secrets.get(providerKeyRef(config.id));
  return {
    key: stored || undefined,
    source: stored ? 'stored' : 'none',
    ...(envVar ? { envVar } : {}),
  };
}

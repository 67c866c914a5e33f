/**
 * Why a provider failed, one list for the whole app: the `code` of a provider error
 * (providers, chat, the error chunk), the classes `stats.get` counts failed attempts by,
 * and the words and labels the UI shows for them all come from here.
 */
export const PROVIDER_FAILURE_CLASSES = [
  'connect',
  /** The connection dropped after the reply had begun (failing to connect is 'connect'). */
  'connection_lost',
  'rate_limit',
  'server',
  'first_chunk_timeout',
  'idle_timeout',
  'malformed',
  'auth',
] as const;

/** A provider error's code: a class above, or 'provider' — it said no in its own words, nothing finer known. */
export const PROVIDER_ERROR_CODES = [...PROVIDER_FAILURE_CLASSES, 'provider'] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/**
 * What the figures count failed attempts by: each class, and 'other' for the rest — a
 * plain 'provider' error and any code Spool does not know (storage, internal, older rows).
 */
export const PROVIDER_ERROR_STAT_CLASSES = [...PROVIDER_FAILURE_CLASSES, 'other'] as const;
export type ProviderErrorStatClass = (typeof PROVIDER_ERROR_STAT_CLASSES)[number];

export function statClassOf(code: unknown): ProviderErrorStatClass {
  return (PROVIDER_FAILURE_CLASSES as readonly unknown[]).includes(code)
    ? (code as ProviderErrorStatClass)
    : 'other';
}

import { z } from 'zod';
import { Empty, Id } from './common';
import { PROVIDER_ERROR_CODES } from '../../providerErrors';

/**
 * LLM providers as the UI sees them. An API key travels only inward (save/test);
 * no reply ever carries one back — the UI learns only where a key comes from.
 */
/** 'local' = GGUF files run in-process (electron/core/local); never stored, listed while a model is present. */
export const ProviderKind = z.enum(['openai-compatible', 'anthropic', 'ollama', 'local']);
export type ProviderKind = z.infer<typeof ProviderKind>;

/**
 * How Continue sends a partial reply back: 'prefix' = as a trailing assistant message
 * the model carries on from; 'instruction' = that message plus a user message asking
 * to continue (for servers that answer a trailing assistant message anew).
 */
export const ContinueStyle = z.enum(['prefix', 'instruction']);
export type ContinueStyle = z.infer<typeof ContinueStyle>;

const BaseUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'base URL must be an http(s) URL without credentials in it');

const ModelName = z.string().trim().min(1).max(500);

export const ProviderConfig = z.object({
  id: Id,
  kind: ProviderKind,
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  /**
   * openai-compatible: the API root with its version, e.g. https://api.openai.com/v1,
   * http://127.0.0.1:1234/v1. anthropic: https://api.anthropic.com/v1. ollama: the
   * server root, e.g. http://127.0.0.1:11434 (Spool adds /v1 and /api itself).
   */
  baseUrl: BaseUrl,
  /** Models the user pinned (or the last listing), for providers without a list API. */
  models: z.array(ModelName).max(1000).optional(),
  defaultModel: ModelName.optional(),
  /** Omitted = the kind's default (see electron/core/providers/README.md). */
  continueStyle: ContinueStyle.optional(),
});
export type ProviderConfig = z.infer<typeof ProviderConfig>;

/** A config being created (no id yet) or edited. */
export const ProviderDraft = ProviderConfig.extend({ id: Id.optional() });
export type ProviderDraft = z.infer<typeof ProviderDraft>;

/** Where the key a provider will use comes from. Never the key itself. */
export const KeySource = z.enum(['stored', 'env', 'none']);
export type KeySource = z.infer<typeof KeySource>;

/** The local models provider's "base URL": its models folder, as a file: URL. */
const ModelsFolderUrl = z.string().refine((value) => {
  try {
    return new URL(value).protocol === 'file:';
  } catch {
    return false;
  }
}, 'the local provider names its models folder as a file: URL');

export const ProviderInfo = ProviderConfig.extend({
  /** http(s) as saved; the built-in local provider (never saved) lists its models folder. */
  baseUrl: z.union([BaseUrl, ModelsFolderUrl]),
  keySource: KeySource,
  /** The environment variable that supplies (or would override) the key, if any. */
  envVar: z.string().optional(),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

/** Whether stored keys are protected (keyring, safeStorage) or plain text, in words for the UI. */
export const KeyProtection = z.object({ protected: z.boolean(), detail: z.string() });
export type KeyProtection = z.infer<typeof KeyProtection>;

/** Why reaching a provider failed (the list: shared/providerErrors.ts). */
export const ProviderErrorCode = z.enum(PROVIDER_ERROR_CODES);
export type ProviderErrorCode = z.infer<typeof ProviderErrorCode>;

/** The outcome of reaching a provider: its models, or its own words about why not. */
export const ConnectionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), models: z.array(z.string()), message: z.string() }),
  z.object({ ok: z.literal(false), code: ProviderErrorCode, message: z.string() }),
]);
export type ConnectionResult = z.infer<typeof ConnectionResult>;

export const DetectedProvider = z.object({
  kind: ProviderKind,
  name: z.string(),
  baseUrl: z.string(),
  models: z.array(z.string()),
});
export type DetectedProvider = z.infer<typeof DetectedProvider>;

/** undefined = keep the stored key, null = forget it, a string = replace it. */
const ApiKeyInput = z.string().trim().min(1).max(8192).nullable().optional();

export const providerCalls = {
  'providers.list': {
    request: Empty,
    reply: z.object({ providers: z.array(ProviderInfo), keyProtection: KeyProtection }),
  },
  'providers.save': {
    request: z.object({ provider: ProviderDraft, apiKey: ApiKeyInput }).strict(),
    reply: ProviderInfo,
  },
  'providers.delete': {
    request: z.object({ id: Id }).strict(),
    reply: z.object({ id: Id }),
  },
  /** Tests a saved provider (id) or an unsaved draft (provider + apiKey), e.g. during onboarding. */
  'providers.test': {
    request: z
      .object({ id: Id.optional(), provider: ProviderDraft.optional(), apiKey: ApiKeyInput })
      .strict()
      .refine((r) => (r.id === undefined) !== (r.provider === undefined), 'give either id or provider'),
    reply: ConnectionResult,
  },
  'providers.models': {
    request: z.object({ id: Id }).strict(),
    reply: ConnectionResult,
  },
  /** Probes a local Ollama (127.0.0.1:11434) and LM Studio (127.0.0.1:1234). */
  'providers.detectLocal': {
    request: Empty,
    reply: z.object({ detected: z.array(DetectedProvider) }),
  },
} as const;

/**
 * Talking to a provider outside a reply: list its models, test a connection, find
 * a local Ollama or LM Studio. Model lists are plain JSON GETs; the 1-token test
 * request goes through streamReply like any reply.
 */
import type {
  ConnectionResult,
  DetectedProvider,
  ProviderConfig,
  ProviderErrorCode,
} from '../../../shared/api/schemas/providers';
import { redact } from './errors';
import { ollamaRoot, type FetchFn } from './models';
import { streamReply } from './streamReply';

export interface CatalogOptions {
  fetch?: FetchFn;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

type Failure = Extract<ConnectionResult, { ok: false }>;

function failure(code: ProviderErrorCode, message: string, apiKey: string | undefined): Failure {
  return { ok: false, code, message: redact(message, [apiKey]) };
}

function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return 'rate_limit';
  return status >= 500 ? 'server' : 'provider';
}

/** The provider's own words from an error body, else the status line. */
function errorWords(status: number, statusText: string, body: string): string {
  try {
    const json = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const words = typeof json.error === 'string' ? json.error : (json.error?.message ?? json.message);
    if (words) return `${words} (HTTP ${status})`;
  } catch {
    if (body.trim()) return `${body.trim().slice(0, 500)} (HTTP ${status})`;
  }
  return `HTTP ${status} ${statusText}`.trim();
}

function modelsRequest(
  config: ProviderConfig,
  apiKey: string | undefined,
): { url: string; headers: Record<string, string> } {
  const base = config.baseUrl.replace(/\/+$/, '');
  switch (config.kind) {
    case 'ollama':
      return { url: `${ollamaRoot(base)}/api/tags`, headers: {} };
    case 'anthropic':
      return {
        url: `${base}/models?limit=1000`,
        headers: { 'anthropic-version': '2023-06-01', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      };
    case 'openai-compatible':
      return { url: `${base}/models`, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} };
    case 'local':
      // Listed from the models folder by ProviderRegistry, never over HTTP.
      throw new Error('A local model has no HTTP endpoint (see electron/core/local).');
  }
}

function modelNames(config: ProviderConfig, json: unknown): string[] {
  if (config.kind === 'ollama') {
    const models = (json as { models?: { name?: unknown }[] })?.models ?? [];
    return models.map((m) => m.name).filter((n): n is string => typeof n === 'string');
  }
  const data = (json as { data?: { id?: unknown }[] })?.data ?? [];
  return data.map((m) => m.id).filter((n): n is string => typeof n === 'string');
}

async function getJson(
  url: string,
  headers: Record<string, string>,
  options: CatalogOptions,
  apiKey: string | undefined,
): Promise<{ ok: true; json: unknown } | (Failure & { status?: number })> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: { message?: string } };
    const why =
      e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.message ?? e.message);
    return failure('connect', `Cannot reach ${new URL(url).origin}: ${why}`, apiKey);
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) {
    return {
      ...failure(
        codeForStatus(response.status),
        errorWords(response.status, response.statusText, body),
        apiKey,
      ),
      status: response.status,
    };
  }
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch {
    return failure('malformed', `The model list at ${url} is not JSON: ${body.slice(0, 200)}`, apiKey);
  }
}

export async function listModels(
  config: ProviderConfig,
  apiKey: string | undefined,
  options: CatalogOptions = {},
): Promise<ConnectionResult> {
  const { url, headers } = modelsRequest(config, apiKey);
  const result = await getJson(url, headers, options, apiKey);
  if (!result.ok) return { ok: false, code: result.code, message: result.message };
  const models = modelNames(config, result.json).sort((a, b) => a.localeCompare(b));
  return { ok: true, models, message: `Connected: ${models.length} model${models.length === 1 ? '' : 's'}.` };
}

/**
 * Lists the models; where a server has no model list (404), sends a 1-token request
 * to the configured model instead. Either way: ok, or the provider's own words.
 */
export async function testConnection(
  config: ProviderConfig,
  apiKey: string | undefined,
  options: CatalogOptions = {},
): Promise<ConnectionResult> {
  const listed = await listModels(config, apiKey, options);
  if (listed.ok || !listed.message.includes('(HTTP 404)')) return listed;
  const model = config.defaultModel ?? config.models?.[0];
  if (!model) return listed;
  for await (const chunk of streamReply({
    config,
    apiKey,
    model,
    messages: [{ role: 'user', parts: [{ type: 'text', text: 'Say OK.' }] }],
    maxOutputTokens: 1,
    rawCapture: false,
    retry: { maxRetries: 0 },
    firstChunkTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS * 3,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })) {
    if (chunk.type === 'error')
      return failure((chunk.code ?? 'provider') as ProviderErrorCode, chunk.errorText, apiKey);
  }
  return { ok: true, models: config.models ?? [model], message: `Connected: ${model} answered.` };
}

export interface LocalHosts {
  /** Ollama server root. Default http://127.0.0.1:11434 */
  ollama: string;
  /** LM Studio server root. Default http://127.0.0.1:1234 */
  lmStudio: string;
}

export const DEFAULT_LOCAL_HOSTS: LocalHosts = {
  ollama: 'http://127.0.0.1:11434',
  lmStudio: 'http://127.0.0.1:1234',
};

/** Probes the local servers in parallel, briefly; returns those that answered. */
export async function detectLocal(
  options: { fetch?: FetchFn; hosts?: Partial<LocalHosts>; timeoutMs?: number } = {},
): Promise<DetectedProvider[]> {
  const hosts = { ...DEFAULT_LOCAL_HOSTS, ...options.hosts };
  const catalog = { timeoutMs: options.timeoutMs ?? 800, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const candidates: ProviderConfig[] = [
    { id: 'local-ollama', kind: 'ollama', name: 'Ollama (local)', baseUrl: hosts.ollama.replace(/\/+$/, '') },
    {
      id: 'local-lmstudio',
      kind: 'openai-compatible',
      name: 'LM Studio (local)',
      baseUrl: `${hosts.lmStudio.replace(/\/+$/, '')}/v1`,
    },
  ];
  const results = await Promise.all(candidates.map((c) => listModels(c, undefined, catalog)));
  return candidates.flatMap((c, i) => {
    const r = results[i]!;
    return r.ok ? [{ kind: c.kind, name: c.name, baseUrl: c.baseUrl, models: r.models }] : [];
  });
}

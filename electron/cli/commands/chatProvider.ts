import { ProviderConfig, ProviderKind } from '../../../shared/api/schemas/providers';
import { LOCAL_PROVIDER_ID, LocalModelError } from '../../core/local';
import type { SpoolCore } from '../../core/SpoolCore';
import { CliError, EXIT } from '../exit';

/** Where each kind of provider lives when no --base-url is given. */
export const DEFAULT_BASE_URLS: Record<ProviderKind, string> = {
  'openai-compatible': 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  ollama: 'http://127.0.0.1:11434',
  local: '',
};

/**
 * `--provider local [--model-path FILE]` (or `--model-path` alone): a GGUF file run
 * in-process. The file is added to the local models (read in place) so the
 * conversation can be continued later; without a path, --model or the first local
 * model is used. Undefined when neither flag asks for a local model.
 */
export async function resolveLocalModel(
  core: SpoolCore,
  flags: { provider?: string; modelPath?: string; model?: string; baseUrl?: string; command?: string },
): Promise<{ providerId: string; model: string | undefined } | undefined> {
  if (flags.provider !== 'local' && flags.modelPath === undefined) return undefined;
  const command = flags.command ?? 'chat';
  if (flags.provider !== undefined && flags.provider !== 'local')
    throw new CliError(`${command}: --model-path goes with --provider local.`, EXIT.usage);
  if (flags.baseUrl) throw new CliError(`${command}: a local model has no --base-url.`, EXIT.usage);
  if (flags.modelPath === undefined) return { providerId: LOCAL_PROVIDER_ID, model: flags.model };
  try {
    const model = await core.local.add(flags.modelPath);
    return { providerId: LOCAL_PROVIDER_ID, model: model.id };
  } catch (err) {
    if (err instanceof LocalModelError) throw new CliError(`${command}: ${err.message}`, EXIT.usage);
    throw err;
  }
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Turns --provider / --base-url into a saved provider id, or undefined to let the
 * conversation, settings or the only provider decide (as the app does).
 *
 * A kind (`openai-compatible`, `anthropic`, `ollama`) means an ad-hoc endpoint: the
 * saved provider of that kind and base URL is reused, or one is saved (named after
 * the kind and host, no key stored), so the conversation can be continued later, in
 * the app too. Its key comes from OPENAI_API_KEY / ANTHROPIC_API_KEY.
 */
export async function resolveProvider(
  core: SpoolCore,
  provider: string | undefined,
  flags: { baseUrl?: string; model?: string; command?: string },
): Promise<string | undefined> {
  const command = flags.command ?? 'chat';
  const kind = ProviderKind.safeParse(provider ?? (flags.baseUrl ? 'openai-compatible' : undefined));
  if (!kind.success) {
    if (provider === undefined) return undefined;
    if (flags.baseUrl) {
      throw new CliError(
        `${command}: --base-url goes with a kind (--provider openai-compatible|anthropic|ollama), not a saved provider.`,
        EXIT.usage,
      );
    }
    try {
      core.providers.get(provider);
    } catch {
      throw new CliError(
        `no provider with id ${provider}. Use a saved provider's id, or a kind: openai-compatible, anthropic, ollama.`,
        EXIT.unknownId,
      );
    }
    return provider;
  }
  const baseUrl = flags.baseUrl ?? DEFAULT_BASE_URLS[kind.data];
  if (!ProviderConfig.shape.baseUrl.safeParse(baseUrl).success) {
    throw new CliError(
      `${command}: --base-url must be an http(s) URL without credentials, not "${baseUrl}".`,
      EXIT.usage,
    );
  }
  const { providers } = await core.providers.list();
  const existing = providers.find((p) => p.kind === kind.data && sameUrl(p.baseUrl, baseUrl));
  if (existing) return existing.id;
  const saved = await core.providers.save({
    kind: kind.data,
    name: `${kind.data} (${new URL(baseUrl).host})`,
    baseUrl,
    ...(flags.model ? { defaultModel: flags.model } : {}),
  });
  return saved.id;
}

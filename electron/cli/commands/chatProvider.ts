import { ProviderConfig, ProviderKind } from '../../../shared/api/schemas/providers';
import { LOCAL_PROVIDER_ID } from '../../core/local';
import type { SpoolCore } from '../../core/SpoolCore';
import { callOnce } from '../callOnce';
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
  const added = await callOnce(core, (client) => client.call('localModels.add', { path: flags.modelPath! }));
  if (added.ok) return { providerId: LOCAL_PROVIDER_ID, model: added.data.id };
  // Not a GGUF file, or no file there: the user's to fix.
  if (added.error.code === 'BAD_REQUEST' || added.error.code === 'NOT_FOUND')
    throw new CliError(`${command}: ${added.error.message}`, EXIT.usage);
  throw new Error(added.error.message);
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
    const listed = await callOnce(core, (client) => client.call('providers.list', {}));
    if (!listed.ok) throw new Error(listed.error.message);
    if (!listed.data.providers.some((p) => p.id === provider)) {
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
  return callOnce(core, async (client) => {
    const listed = await client.call('providers.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const existing = listed.data.providers.find((p) => p.kind === kind.data && sameUrl(p.baseUrl, baseUrl));
    if (existing) return existing.id;
    const saved = await client.call('providers.save', {
      provider: {
        kind: kind.data,
        name: `${kind.data} (${new URL(baseUrl).host})`,
        baseUrl,
        ...(flags.model ? { defaultModel: flags.model } : {}),
      },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.data.id;
  });
}

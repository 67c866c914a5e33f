/**
 * The configured providers and their keys, as the API serves them: configs in a
 * ProviderStorage, keys in a SecretStore (overridable by environment variables).
 * Replies and listings carry where a key comes from, never the key.
 */
import { ApiFailure } from '../../../shared/api/result';
import type {
  ConnectionResult,
  DetectedProvider,
  KeyProtection,
  ProviderConfig,
  ProviderDraft,
  ProviderInfo,
} from '../../../shared/api/schemas/providers';
import { ProviderConfig as ProviderConfigSchema } from '../../../shared/api/schemas/providers';
import { randomId, type IdGenerator } from '../deps';
import { sameEndpoint } from '../../../shared/endpoint';
import { encodeBoundKey } from '../secrets/boundKey';
import { providerKeyRef, type SecretStore } from '../secrets/SecretStore';
import { resolveApiKey, type Env } from '../secrets/resolveApiKey';
import { detectLocal, listModels, testConnection, type LocalHosts } from './catalog';
import type { FetchFn } from './models';
import type { ProviderStorage } from './ProviderStorage';

export interface ProviderRegistryDeps {
  storage: ProviderStorage;
  secrets: SecretStore;
  /** Defaults to process.env. */
  env?: Env;
  newId?: IdGenerator;
  fetch?: FetchFn;
  /** Where detectLocal probes; tests point these at the fake provider. */
  localHosts?: Partial<LocalHosts>;
  /** Timeout for model listings and connection tests. */
  timeoutMs?: number;
  /** The virtual "Local models" provider (../local), listed while a model is present; never stored. */
  local?: { whenReady(): Promise<void>; providerConfig(): ProviderConfig | undefined };
}

/**
 * undefined = keep the stored key (dropped all the same when the base URL changes: a key
 * goes only where it was saved for), null = forget it, a string = replace it.
 */
export type ApiKeyChange = string | null | undefined;

export class ProviderRegistry {
  private readonly env: Env;
  private readonly newId: IdGenerator;

  constructor(private readonly deps: ProviderRegistryDeps) {
    this.env = deps.env ?? process.env;
    this.newId = deps.newId ?? randomId;
  }

  async list(): Promise<{ providers: ProviderInfo[]; keyProtection: KeyProtection }> {
    await this.deps.local?.whenReady();
    const local = this.deps.local?.providerConfig();
    const stored = await Promise.all(this.deps.storage.list().map((c) => this.info(c)));
    const providers = local ? [...stored, { ...local, keySource: 'none' as const }] : stored;
    return { providers, keyProtection: this.deps.secrets.describeProtection() };
  }

  /** Throws ApiFailure NOT_FOUND. */
  get(id: string): ProviderConfig {
    const local = this.deps.local?.providerConfig();
    const config = this.deps.storage.get(id) ?? (local?.id === id ? local : undefined);
    if (!config) throw new ApiFailure('NOT_FOUND', `No provider with id ${id}.`);
    return config;
  }

  async save(draft: ProviderDraft, apiKey?: ApiKeyChange): Promise<ProviderInfo> {
    const config = ProviderConfigSchema.parse({ ...draft, id: draft.id ?? this.newId() });
    if (config.kind === 'local' || config.id === this.deps.local?.providerConfig()?.id)
      throw new ApiFailure('CONFLICT', 'Local models are managed in Settings → Local models.');
    const previous = this.deps.storage.get(config.id);
    const movedElsewhere = previous !== undefined && !sameEndpoint(previous.baseUrl, config.baseUrl);
    // The key first: a config that is saved but whose key failed to save would be a surprise.
    const ref = providerKeyRef(config.id);
    if (typeof apiKey === 'string')
      await this.deps.secrets.set(ref, encodeBoundKey(apiKey.trim(), config.baseUrl));
    else if (apiKey === null || movedElsewhere) await this.deps.secrets.delete(ref);
    this.deps.storage.put(config);
    return this.info(config);
  }

  async delete(id: string): Promise<{ id: string }> {
    if (this.get(id).kind === 'local')
      throw new ApiFailure('CONFLICT', 'Local models are managed in Settings → Local models.');
    await this.deps.secrets.delete(providerKeyRef(id));
    this.deps.storage.delete(id);
    return { id };
  }

  /** A saved provider (by id) or an unsaved draft with the key typed into the form. */
  async test(request: {
    id?: string;
    provider?: ProviderDraft;
    apiKey?: ApiKeyChange;
  }): Promise<ConnectionResult> {
    if (request.id !== undefined) {
      const { config, apiKey } = await this.resolve(request.id);
      if (config.kind === 'local') return localListing(config);
      return testConnection(
        config,
        typeof request.apiKey === 'string' ? request.apiKey : apiKey,
        this.catalog(),
      );
    }
    if (!request.provider) throw new ApiFailure('BAD_REQUEST', 'Give either id or provider.');
    const config = ProviderConfigSchema.parse({ ...request.provider, id: request.provider.id ?? 'draft' });
    // A draft may carry a saved provider's id: its stored key still goes only to the URL it was saved for.
    const key = typeof request.apiKey === 'string' ? request.apiKey : (await this.resolveKey(config)).key;
    return testConnection(config, key, this.catalog());
  }

  async models(id: string): Promise<ConnectionResult> {
    const { config, apiKey } = await this.resolve(id);
    if (config.kind === 'local') return localListing(config);
    return listModels(config, apiKey, this.catalog());
  }

  async detectLocal(): Promise<{ detected: DetectedProvider[] }> {
    const detected = await detectLocal({
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(this.deps.localHosts ? { hosts: this.deps.localHosts } : {}),
    });
    return { detected };
  }

  /** What the stream engine needs to start a reply. Throws ApiFailure NOT_FOUND. */
  async resolve(id: string): Promise<{ config: ProviderConfig; apiKey: string | undefined }> {
    const config = this.get(id);
    const { key } = await this.resolveKey(config);
    return { config, apiKey: key };
  }

  private resolveKey(config: ProviderConfig) {
    const saved = this.deps.storage.get(config.id)?.baseUrl ?? null;
    return resolveApiKey(config, this.deps.secrets, this.env, saved);
  }

  private async info(config: ProviderConfig): Promise<ProviderInfo> {
    const { source, envVar } = await this.resolveKey(config);
    return { ...config, keySource: source, ...(envVar ? { envVar } : {}) };
  }

  private catalog() {
    return {
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(this.deps.timeoutMs ? { timeoutMs: this.deps.timeoutMs } : {}),
    };
  }
}

/** Local models are files, not an endpoint: their listing is what the models folder holds. */
function localListing(config: ProviderConfig): ConnectionResult {
  const models = config.models ?? [];
  return { ok: true, models, message: `${models.length} local model${models.length === 1 ? '' : 's'}` };
}

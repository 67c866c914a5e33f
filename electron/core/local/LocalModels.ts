/**
 * Local models as the rest of the app sees them: the library of GGUF files, the
 * inference worker, the downloads, and the virtual provider "Local models" (id
 * `local`) that appears in the provider list while at least one model is present —
 * so with nothing else set up, a fresh Spool with a model in its models folder
 * chats with it (chooseModel's last rule).
 */
import { pathToFileURL } from 'node:url';
import type { LocalDownload, LocalModel, LocalModelList } from '../../../shared/api/schemas/localModels';
import type { ProviderConfig } from '../../../shared/api/schemas/providers';
import { DownloadManager } from './download/DownloadManager';
import { LocalLlm } from './LocalLlm';
import { LocalModelLibrary } from './LocalModelLibrary';
import type { LocalRuntime, LocalTuning } from './streamLocalReply';
import { defaultThreads } from './threads';

export const LOCAL_PROVIDER_ID = 'local';

export interface LocalModelsOptions {
  dataDir: string;
  tuning?: Partial<LocalTuning>;
  /** Desktop: the OS file picker. Absent (browser mode, CLI): the UI asks for a path. */
  chooseModelFile?: () => Promise<string | null>;
  onModelsChanged?: () => void;
  onDownloadsChanged?: (downloads: LocalDownload[]) => void;
}

export const DEFAULT_TUNING: Omit<LocalTuning, 'threads'> = {
  temperature: 0.7,
  maxTokens: 1024,
  contextSize: 4096,
  tokensPerSecond: 0,
};

/** Test and benchmark knobs from the environment (SPOOL_LOCAL_TEMPERATURE, …_TOKENS_PER_SECOND, …_MAX_TOKENS, …_THREADS). */
export function tuningFromEnv(env: NodeJS.ProcessEnv): Partial<LocalTuning> {
  const out: Partial<LocalTuning> = {};
  const num = (name: string) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : undefined);
  const temperature = num('SPOOL_LOCAL_TEMPERATURE');
  const tps = num('SPOOL_LOCAL_TOKENS_PER_SECOND');
  const maxTokens = num('SPOOL_LOCAL_MAX_TOKENS');
  const threads = num('SPOOL_LOCAL_THREADS');
  if (temperature !== undefined && temperature >= 0) out.temperature = temperature;
  if (tps !== undefined && tps >= 0) out.tokensPerSecond = tps;
  if (maxTokens !== undefined && maxTokens >= 1) out.maxTokens = Math.floor(maxTokens);
  if (threads !== undefined && threads >= 1) out.threads = Math.floor(threads);
  return out;
}

export class LocalModels {
  readonly library: LocalModelLibrary;
  readonly downloads: DownloadManager;
  readonly tuning: LocalTuning;
  private llmInstance: LocalLlm | undefined;
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalModelsOptions) {
    this.library = new LocalModelLibrary(options.dataDir);
    this.tuning = { threads: defaultThreads(), ...DEFAULT_TUNING, ...options.tuning };
    this.downloads = new DownloadManager({
      modelsDir: this.library.modelsDir,
      onChange: (downloads) => options.onDownloadsChanged?.(downloads),
      onComplete: () => void this.refresh(),
    });
  }

  /** Scans the models folder and picks up unfinished downloads. Nothing is loaded. */
  start(): void {
    this.ready = this.library
      .scan()
      .then(() => this.downloads.restore())
      .then(() => this.options.onModelsChanged?.())
      .catch(() => undefined);
  }

  /** Resolves once the start-up scan is done (the first send waits for it). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async refresh(): Promise<LocalModelList> {
    await this.ready;
    await this.library.scan();
    this.options.onModelsChanged?.();
    return this.list();
  }

  list(): LocalModelList {
    return {
      modelsDir: this.library.modelsDir,
      ...this.library.current,
      downloads: this.downloads.list(),
      threads: this.tuning.threads,
      canPickFile: Boolean(this.options.chooseModelFile),
    };
  }

  async add(file: string): Promise<LocalModel> {
    const model = await this.library.add(file);
    this.options.onModelsChanged?.();
    return model;
  }

  async pick(): Promise<LocalModel | null> {
    const file = await this.options.chooseModelFile?.();
    return file ? this.add(file) : null;
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.library.remove(id);
    if (removed) this.options.onModelsChanged?.();
    return removed;
  }

  /** The virtual provider, while at least one model is present. */
  providerConfig(): ProviderConfig | undefined {
    const ids = this.library.current.models.map((m) => m.id);
    if (ids.length === 0) return undefined;
    return {
      id: LOCAL_PROVIDER_ID,
      kind: 'local',
      name: 'Local models',
      baseUrl: pathToFileURL(this.library.modelsDir).href,
      models: ids,
      defaultModel: ids[0]!,
      continueStyle: 'prefix',
    };
  }

  /** What streamReply needs for kind 'local'. The worker starts on the first reply. */
  runtime(): LocalRuntime {
    return {
      llm: this.llm(),
      resolveModel: (id) => this.library.resolve(id),
      tuning: this.tuning,
    };
  }

  async close(): Promise<void> {
    await this.downloads.close();
    await this.llmInstance?.close();
  }

  private llm(): LocalLlm {
    this.llmInstance ??= new LocalLlm(this.tuning.threads);
    return this.llmInstance;
  }
}

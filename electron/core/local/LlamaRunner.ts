/**
 * node-llama-cpp itself: loads one model at a time (kept loaded between replies) and
 * generates one reply at a time. It runs inside the inference worker (llamaWorker.ts)
 * so that loading the native library and the model never stalls the main process.
 *
 * A model with a chat template goes through LlamaChat (its own template via
 * node-llama-cpp's chat wrapper); a base model without one (the 260K test model) gets
 * plain completion of the conversation's text. Continue re-feeds the partial reply:
 * as the model's unfinished turn (chat) or as the end of the completion prompt.
 */
import type { Llama, LlamaContext, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';

/** What this reply's sequence read and wrote, as llama.cpp counted it (a new sequence per reply). */
function usageOf(sequence: LlamaContextSequence): { inputTokens: number; outputTokens: number } {
  const { usedInputTokens, usedOutputTokens } = sequence.tokenMeter.getState();
  return { inputTokens: usedInputTokens, outputTokens: usedOutputTokens };
}
import type { GenerateRequest, PromptMode } from './protocol';

export interface GenerateCallbacks {
  onStarted(prompt: PromptMode, loadMs: number): void;
  onText(text: string, tokens: Token[]): void;
}

interface Loaded {
  key: string;
  model: LlamaModel;
  context: LlamaContext;
  hasTemplate: boolean;
}

/** A base model's prompt: the conversation as one running text; the reply carries it on. */
export function completionPrompt(request: Pick<GenerateRequest, 'messages' | 'continueFrom'>): string {
  const turns = request.messages.map((m) => m.text).filter((t) => t.length > 0);
  return turns.join('\n\n') + (request.continueFrom ?? '');
}

/**
 * The prebuilt binary to ask node-llama-cpp for: the CPU build, except on Apple Silicon,
 * where its only prebuilt is the Metal one (a CPU-only request there finds no binary, and
 * `build: 'never'` forbids compiling one). The installers ship exactly these
 * (electron-builder.yml's node-llama-cpp filter).
 */
export function llamaGpu(platform: string, arch: string): 'metal' | false {
  return platform === 'darwin' && arch === 'arm64' ? 'metal' : false;
}

export class LlamaRunner {
  private llama: Promise<Llama> | undefined;
  private loaded: Loaded | undefined;
  /** One reply at a time: the context has one sequence. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly maxThreads: number) {}

  generate(request: GenerateRequest, callbacks: GenerateCallbacks, signal: AbortSignal) {
    const run = this.queue.then(() => this.run(request, callbacks, signal));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.loaded?.context.dispose();
    await this.loaded?.model.dispose();
    await (await this.llama)?.dispose();
  }

  private async getLlama(): Promise<Llama> {
    // build: 'never' — the prebuilt CPU binary or nothing; never a download or a compile.
    this.llama ??= import('node-llama-cpp').then(({ getLlama, LlamaLogLevel }) =>
      getLlama({
        gpu: llamaGpu(process.platform, process.arch),
        build: 'never',
        maxThreads: this.maxThreads,
        logLevel: LlamaLogLevel.error,
      }),
    );
    return this.llama;
  }

  private async load(request: GenerateRequest): Promise<Loaded> {
    const key = `${request.modelPath}\n${request.threads}\n${request.contextSize}`;
    if (this.loaded?.key === key) return this.loaded;
    if (this.loaded) {
      await this.loaded.context.dispose();
      await this.loaded.model.dispose();
      this.loaded = undefined;
    }
    const llama = await this.getLlama();
    const model = await llama.loadModel({ modelPath: request.modelPath });
    const trained = model.trainContextSize || request.contextSize;
    const context = await model.createContext({
      contextSize: Math.min(request.contextSize, trained),
      threads: request.threads,
    });
    const template = model.fileInfo.metadata.tokenizer?.chat_template;
    this.loaded = {
      key,
      model,
      context,
      hasTemplate: typeof template === 'string' && template.trim() !== '',
    };
    return this.loaded;
  }

  private async run(request: GenerateRequest, callbacks: GenerateCallbacks, signal: AbortSignal) {
    if (signal.aborted) return { stopReason: 'abort', tokens: 0 };
    const started = performance.now();
    const loaded = await this.load(request);
    const loadMs = Math.round(performance.now() - started);
    const lib = await import('node-llama-cpp');
    let tokens = 0;
    const options = {
      signal,
      stopOnAbortSignal: true,
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      ...(request.topP !== undefined ? { topP: request.topP } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    };
    const sequence = loaded.context.getSequence();
    try {
      if (loaded.hasTemplate) {
        const chat = new lib.LlamaChat({ contextSequence: sequence });
        callbacks.onStarted({ mode: 'chat', template: chat.chatWrapper.wrapperName }, loadMs);
        const history = request.messages.map((m) =>
          m.role === 'assistant'
            ? { type: 'model' as const, response: [m.text] }
            : { type: m.role, text: m.text },
        );
        history.push({ type: 'model', response: [request.continueFrom ?? ''] });
        const result = await chat.generateResponse(history, {
          ...options,
          onTextChunk: (text) => {
            tokens++;
            callbacks.onText(text, []);
          },
        });
        return { stopReason: result.metadata.stopReason, tokens, usage: usageOf(sequence) };
      }
      const completion = new lib.LlamaCompletion({ contextSequence: sequence });
      callbacks.onStarted({ mode: 'completion' }, loadMs);
      // Token ids and their text arrive separately; pair them so raw capture keeps both.
      let pending: Token[] = [];
      const result = await completion.generateCompletionWithMeta(completionPrompt(request), {
        ...options,
        onToken: (t) => {
          tokens += t.length;
          pending.push(...t);
        },
        onTextChunk: (text) => {
          callbacks.onText(text, pending);
          pending = [];
        },
      });
      return { stopReason: result.metadata.stopReason, tokens, usage: usageOf(sequence) };
    } finally {
      sequence.dispose();
    }
  }
}

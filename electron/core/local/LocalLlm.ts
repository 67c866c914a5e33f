/**
 * The main thread's handle on the inference worker: starts it on first use, keeps it
 * (and the loaded model) between replies, routes each reply's events by id, and turns
 * a worker that dies into a failure of the replies it was running — the next reply
 * starts a fresh worker. Inside Electron the "worker" is the in-process host
 * (inferenceHost.ts says why); the protocol is the same.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  chooseInferenceHost,
  InProcessHost,
  type InferenceHost,
  type InferenceHostKind,
} from './inferenceHost';
import type { FromWorker, GenerateRequest, ToWorker } from './protocol';

type WorkerEvent = FromWorker extends infer E ? (E extends { id: number } ? Omit<E, 'id'> : never) : never;
export type LocalEvent = WorkerEvent;

export interface LocalGeneration {
  abort(): void;
}

/**
 * The worker's entry: the built `llamaWorker.js` next to this module when bundled,
 * else the TypeScript source, loaded through tsx registered inside the worker
 * (repository, tests, browser mode, CLI — `--import tsx` in a worker's execArgv is
 * not honoured by every Node version).
 */
function workerEntry(): { script: string | URL; eval: boolean } {
  const built = new URL('./llamaWorker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return { script: built, eval: false };
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const source = new URL('./llamaWorker.ts', import.meta.url).href;
  const script = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return { script, eval: true };
}

const CLOSE_TIMEOUT_MS = 5_000;

export class LocalLlm {
  private worker: InferenceHost | undefined;
  private nextId = 1;
  private readonly listeners = new Map<number, (event: LocalEvent) => void>();
  private closed = false;

  constructor(
    private readonly maxThreads: number,
    readonly host: InferenceHostKind = chooseInferenceHost(process.versions),
  ) {}

  generate(request: GenerateRequest, listener: (event: LocalEvent) => void): LocalGeneration {
    if (this.closed) {
      queueMicrotask(() => listener({ type: 'failed', message: 'Spool is shutting down.' }));
      return { abort: () => {} };
    }
    const id = this.nextId++;
    this.listeners.set(id, listener);
    const worker = this.ensureWorker();
    // Held while it works (a CLI run must not exit mid-reply); let go when idle.
    worker.ref();
    this.post(worker, { type: 'generate', id, request });
    return {
      abort: () => {
        if (this.listeners.delete(id) && this.worker === worker) this.post(worker, { type: 'abort', id });
        if (this.listeners.size === 0) worker.unref();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('Spool is shutting down.');
    if (!worker) return;
    // Let it dispose the model first: terminating a thread that holds native llama.cpp
    // objects can abort the whole process. terminate() only if it does not end in time.
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private startHost(): InferenceHost {
    if (this.host === 'main-thread') return new InProcessHost(this.maxThreads);
    const entry = workerEntry();
    return new Worker(entry.script, {
      eval: entry.eval,
      workerData: { maxThreads: this.maxThreads },
    });
  }

  private ensureWorker(): InferenceHost {
    if (this.worker) return this.worker;
    const worker = this.startHost();
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const listener = this.listeners.get(message.id);
      if (!listener) return;
      if (message.type === 'done' || message.type === 'failed') this.listeners.delete(message.id);
      if (this.listeners.size === 0) worker.unref();
      const { id: _id, ...event } = message;
      listener(event as LocalEvent);
    });
    const gone = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(why);
    };
    worker.on('error', (err) => gone(`The local model's worker failed: ${err.message}`));
    worker.on('exit', (code) => gone(`The local model's worker exited (code ${code}).`));
    this.worker = worker;
    return worker;
  }

  private post(worker: InferenceHost, message: ToWorker): void {
    worker.postMessage(message);
  }

  private failAll(message: string): void {
    const listeners = [...this.listeners.values()];
    this.listeners.clear();
    for (const listener of listeners) listener({ type: 'failed', message });
  }
}

/**
 * Runs a parser in a worker thread with a heap limit and a deadline, so a hostile
 * file can cost neither the process's memory nor a thread forever: past either bound
 * the worker is terminated and the caller gets a ParseLimitError, never a crash.
 *
 * The worker's entry is the built `<name>.js` beside the running bundle when there is
 * one, else the TypeScript source through tsx registered inside the worker (the
 * repository, tests) — the same arrangement as the inference worker (LocalLlm.ts).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface Bounds {
  timeoutMs: number;
  /** V8 old-generation heap of the worker. */
  maxHeapMb: number;
}

export class ParseLimitError extends Error {
  constructor(
    readonly limit: 'time' | 'memory' | 'crash',
    message: string,
  ) {
    super(message);
    this.name = 'ParseLimitError';
  }
}

export interface WorkerEntry {
  /** The built file's URL, e.g. new URL('./ggufHeaderWorker.js', import.meta.url) from the bundle. */
  built: URL;
  /** The TypeScript source's URL. */
  source: URL;
}

function entryScript(entry: WorkerEntry): { script: string | URL; eval: boolean } {
  if (fs.existsSync(fileURLToPath(entry.built))) return { script: entry.built, eval: false };
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.source.href)}); });`;
  return { script, eval: true };
}

/** Posts `data` to a fresh worker and resolves with its one reply. */
export function runBounded<T>(entry: WorkerEntry, data: unknown, bounds: Bounds): Promise<T> {
  const { script, eval: isEval } = entryScript(entry);
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(script, {
      eval: isEval,
      workerData: data,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: bounds.maxHeapMb, maxYoungGenerationSizeMb: 16 },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new ParseLimitError('time', `checking it took longer than ${bounds.timeoutMs / 1000} s`)),
        ),
      bounds.timeoutMs,
    );
    worker.once('message', (reply: T) => finish(() => resolve(reply)));
    worker.once('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ParseLimitError('memory', `checking it needed more than ${bounds.maxHeapMb} MB`)
            : new ParseLimitError('crash', `the check failed: ${err.message}`),
        ),
      ),
    );
    worker.once('exit', (code) =>
      finish(() => reject(new ParseLimitError('crash', `the check stopped (exit code ${code})`))),
    );
  });
}

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Esbuild from 'esbuild';

/** The worker: built beside the bundle (desktop out/main, CLI out/cli), else its TypeScript source. */
const WORKER = {
  built: new URL('./checkpointWorker.js', import.meta.url),
  source: new URL('./checkpointWorker.ts', import.meta.url),
};
let compiledFromSource: string | undefined;

/**
 * What the worker starts on: the built file, or — running from TypeScript (tests, tsx)
 * — the source compiled once per process with esbuild (what tsx runs on), so each
 * worker starts on plain JavaScript as fast as a built one instead of loading tsx.
 */
export function checkpointWorkerScript(): { script: string | URL; eval: boolean } {
  if (fs.existsSync(fileURLToPath(WORKER.built))) return { script: WORKER.built, eval: false };
  if (compiledFromSource === undefined) {
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof Esbuild;
    compiledFromSource = esbuild.buildSync({
      entryPoints: [fileURLToPath(WORKER.source)],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    }).outputFiles[0]!.text;
  }
  return { script: compiledFromSource, eval: true };
}

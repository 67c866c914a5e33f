import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './renderer/vite.config';
import { desktopCsp } from './electron/main/window';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
/**
 * Where the build goes: `out/` unless SPOOL_BUILD_OUT names another folder inside the
 * repository (tests build the desktop bundle there without touching the `out/renderer`
 * that browser mode serves). It must stay inside: the bundles import node_modules.
 */
const OUT = process.env.SPOOL_BUILD_OUT ?? 'out';
const out = (part: string) => path.resolve(here('.'), OUT, part);

/**
 * A file:// page has no response headers to carry a CSP, so the desktop build of
 * the renderer gets it as a meta tag (browser mode sends it as a header instead).
 */
const cspMetaTag: Plugin = {
  name: 'spool:desktop-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: desktopCsp({ dev: false }) },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  main: {
    build: {
      outDir: out('main'),
      // Native and runtime dependencies load from node_modules at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: here('electron/main/index.ts'),
          // The local-model inference worker runs in its own thread, so it is its own entry.
          llamaWorker: here('electron/core/local/llamaWorker.ts'),
          // GGUF headers are checked in a worker with a heap limit and a deadline (local/ggufInfo.ts).
          ggufHeaderWorker: here('electron/core/local/gguf/ggufHeaderWorker.ts'),
          // WAL checkpoints run on a worker thread's own connection (core/db/WalCheckpointer.ts).
          checkpointWorker: here('electron/core/db/checkpointWorker.ts'),
        },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: out('preload'),
      // Sandboxed preloads must be CommonJS scripts with no imports besides 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    plugins: [...(rendererConfig.plugins ?? []), cspMetaTag],
    build: {
      ...rendererConfig.build,
      // electron-vite leaves the renderer unminified (1.9 MB); the window loads it at every start.
      minify: true,
      outDir: out('renderer'),
      rolldownOptions: { input: here('renderer/index.html') },
    },
  },
});

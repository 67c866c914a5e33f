/**
 * The desktop build (`electron-vite build`). Electron cannot run here, but what it would
 * load can be checked: the app is built into a scratch folder inside the repository (so
 * bare imports resolve from node_modules as they do in out/). The renderer is minified
 * and carries its CSP; the built llamaWorker.js, started as a worker thread exactly as
 * LocalLlm starts it, generates with the real test model.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../../electron/core/local/protocol';
import { CRAFTED_GGUF } from '../files/craftedGguf';
import { HAS_MODEL, ONCE_UPON_A_TIME, REPO_ROOT, TEST_MODEL } from '../local/model';

const BUILD = path.join('out', `.test-build-${process.pid}`);
const buildDir = path.join(REPO_ROOT, BUILD);

beforeAll(() => {
  try {
    execFileSync(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'electron-vite'),
      ['build', '--logLevel', 'error'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, SPOOL_BUILD_OUT: BUILD },
        stdio: 'pipe',
      },
    );
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`electron-vite build failed:\n${String(stdout ?? '')}${String(stderr ?? '')}`);
  }
}, 120_000);
afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));

describe('the desktop renderer', () => {
  it('is minified and carries its Content-Security-Policy as a meta tag', () => {
    const assets = path.join(buildDir, 'renderer', 'assets');
    const script = fs.readdirSync(assets).find((f) => f.endsWith('.js'))!;
    const code = fs.readFileSync(path.join(assets, script), 'utf8');
    // Unminified, it is indented source with comments, about 40 characters a line;
    // minified, long lines (a few libraries keep multi-line strings, so count length, not lines).
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
    const html = fs.readFileSync(path.join(buildDir, 'renderer', 'index.html'), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="[^"]*script-src (&#39;|')self(&#39;|')/,
    );
  });
});

describe('the desktop build of the GGUF header check', () => {
  it('is its own entry next to the main bundle, which looks for it beside itself', () => {
    expect(fs.existsSync(path.join(buildDir, 'main', 'ggufHeaderWorker.js'))).toBe(true);
    const main = fs.readFileSync(path.join(buildDir, 'main', 'index.js'), 'utf8');
    expect(main).toContain('new URL("./ggufHeaderWorker.js", import.meta.url)');
  });

  it('answers a crafted header with a typed error when started as a worker thread', async () => {
    const file = path.join(buildDir, 'crafted.gguf');
    fs.writeFileSync(file, CRAFTED_GGUF['billions-of-tensors']!);
    const worker = new Worker(pathToFileURL(path.join(buildDir, 'main', 'ggufHeaderWorker.js')), {
      workerData: { file },
    });
    const reply = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(reply).toMatchObject({ ok: false, code: 'malformed' });
  });
});

describe('the desktop build of the WAL checkpoint worker', () => {
  it('is its own entry next to the main bundle, which looks for it beside itself', () => {
    expect(fs.existsSync(path.join(buildDir, 'main', 'checkpointWorker.js'))).toBe(true);
    const main = fs.readFileSync(path.join(buildDir, 'main', 'index.js'), 'utf8');
    expect(main).toContain('new URL("./checkpointWorker.js", import.meta.url)');
  });
});

describe.skipIf(!HAS_MODEL)('the desktop build of the inference worker', () => {
  it('is its own entry next to the main bundle, which looks for it beside itself', () => {
    expect(fs.existsSync(path.join(buildDir, 'main', 'llamaWorker.js'))).toBe(true);
    // LocalLlm's workerEntry(): the bundler must leave the relative URL alone for it to be found.
    const main = fs.readFileSync(path.join(buildDir, 'main', 'index.js'), 'utf8');
    expect(main).toContain('new URL("./llamaWorker.js", import.meta.url)');
  });

  it('generates the model’s own words when started as a worker thread', async () => {
    const worker = new Worker(pathToFileURL(path.join(buildDir, 'main', 'llamaWorker.js')), {
      workerData: { maxThreads: 1 },
    });
    const events: FromWorker[] = [];
    const done = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: FromWorker) => {
        events.push(m);
        if (m.type === 'done') resolve();
        if (m.type === 'failed') reject(new Error(m.message));
      });
    });
    const request: ToWorker = {
      type: 'generate',
      id: 1,
      request: {
        modelPath: TEST_MODEL,
        threads: 1,
        messages: [{ role: 'user', text: 'Once upon a time' }],
        maxTokens: 20,
        temperature: 0,
        contextSize: 512,
        batchMs: 0,
      },
    };
    worker.postMessage(request);
    await done;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    await exited;

    expect(events[0]).toMatchObject({ type: 'started', prompt: { mode: 'completion' } });
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    expect(ONCE_UPON_A_TIME.startsWith(text)).toBe(true);
    expect(text.length).toBeGreaterThan(20);
    expect(events.at(-1)).toMatchObject({ type: 'done', tokens: 20 });
  }, 60_000);
});

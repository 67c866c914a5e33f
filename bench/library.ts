/**
 * `npm run bench -- library`: a big library stays instant (issue 19). Two libraries of
 * the same shape, 100 and 20 000 conversations, each served by the real browser-mode
 * host (a child process) to Debian's Chromium, measured the same way in the same run:
 *
 * - page load to a usable sidebar: navigation start → the Conversations navigation is no
 *   longer busy and its first row is rendered (read in the page with performance.now()),
 *   median of RELOADS loads;
 * - the page's JS heap after a forced garbage collection (CDP Runtime.getHeapUsage);
 * - `conversations.create` and `conversations.rename` round trips over a second API
 *   socket while the page is open and receives every change (medians of OPS each).
 *
 * Both libraries are open at once and measured alternately, so both share the machine's
 * mood; every figure of the big library is reported as a ratio to the small one's.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { openDatabase } from '../electron/core/db/openDatabase';
import { ConversationStore } from '../electron/core/store/ConversationStore';
import { REPO_ROOT, startHostProcess } from '../tests/e2e/fixtures/hostProcess';
import { percentile, report } from './lib/results';
import { median, round } from './lib/setup';

const SMALL = 100;
const BIG = 20_000;
const PINNED = 5;
const RELOADS = 5;
const OPS = 40;
const VIEWPORT = { width: 1280, height: 800 };

interface Figures {
  conversations: number;
  loadMs: number;
  loadSamplesMs: number[];
  heapMiB: number;
  createMs: number;
  createP95Ms: number;
  renameMs: number;
  renameP95Ms: number;
  dbMiB: number;
}

/** A library of `n` conversations, a few pinned, one update a minute apart, titles of realistic length. */
function seed(dir: string, n: number): number {
  const file = path.join(dir, 'spool.db');
  const { db } = openDatabase({ file });
  let now = Date.UTC(2025, 0, 1);
  let id = 0;
  const store = new ConversationStore(db, { now: () => (now += 60_000) }, () => `seed-${++id}`);
  const pin = db.prepare('UPDATE conversations SET pinned_at = updated_at WHERE id = ?');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const c = store.create(`Conversation ${i} about a topic worth a title of some length`);
      if (i % Math.floor(n / PINNED) === 0) pin.run(c.id);
    }
  })();
  db.close();
  return fs.statSync(file).size / 2 ** 20;
}

/** A second API client, as another window would be: timed call round trips. */
async function apiSocket(url: string) {
  const { origin, port, searchParams } = new URL(url);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${searchParams.get('token')}`, {
    headers: { Origin: origin },
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  type Result = { ok: boolean; data?: unknown; error?: unknown };
  const waiting = new Map<number, (result: Result) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; id?: number; result: Result };
    if (m.type === 'reply' && typeof m.id === 'number') waiting.get(m.id)?.(m.result);
  });
  let next = 0;
  return {
    async call(channel: string, payload: unknown): Promise<{ ms: number; data: unknown }> {
      const id = ++next;
      const started = performance.now();
      const reply = await new Promise<Result>((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ type: 'call', id, channel, payload }));
      });
      waiting.delete(id);
      if (!reply.ok) throw new Error(`${channel} failed: ${JSON.stringify(reply.error)}`);
      return { ms: performance.now() - started, data: reply.data };
    },
    close: () => ws.close(),
  };
}

interface Library {
  n: number;
  dbMiB: number;
  page: Page;
  api: Awaited<ReturnType<typeof apiSocket>>;
  loads: number[];
  creates: number[];
  renames: number[];
  close(): Promise<void>;
}

/** A seeded library served by its own host, open in its own page, with a second API socket. */
async function openLibrary(browser: Browser, n: number): Promise<Library> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `spool-bench-library-${n}-`));
  const dbMiB = seed(dir, n);
  const host = await startHostProcess(dir);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(host.url);
  await usable(page); // first load: the browser's caches warm, as for any later start
  const api = await apiSocket(host.url);
  return {
    n,
    dbMiB,
    page,
    api,
    loads: [],
    creates: [],
    renames: [],
    async close() {
      api.close();
      await context.close();
      await host.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Navigation start → the sidebar is usable, read in the page. */
async function usable(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return (
        doc.querySelector('nav[aria-label="Conversations"][aria-busy="false"]') !== null &&
        doc.querySelector('nav[aria-label="Conversations"] .conversation-title') !== null
      );
    },
    null,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => performance.now());
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

async function createAndRename(lib: Library, i: number): Promise<void> {
  const created = await lib.api.call('conversations.create', {});
  lib.creates.push(created.ms);
  const id = (created.data as { id: string }).id;
  lib.renames.push((await lib.api.call('conversations.rename', { id, title: `Renamed ${i}` })).ms);
}

function figures(lib: Library, heap: number): Figures {
  const sorted = (xs: number[]) => xs.slice().sort((a, b) => a - b);
  return {
    conversations: lib.n,
    loadMs: round(median(lib.loads), 1),
    loadSamplesMs: lib.loads.map((x) => round(x, 1)),
    heapMiB: round(heap, 2),
    createMs: round(median(lib.creates), 3),
    createP95Ms: round(percentile(sorted(lib.creates), 95), 3),
    renameMs: round(median(lib.renames), 3),
    renameP95Ms: round(percentile(sorted(lib.renames), 95), 3),
    dbMiB: round(lib.dbMiB, 2),
  };
}

export async function run(): Promise<boolean> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html'))) {
    execSync('npm run build:renderer', { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  const browser = await chromium.launch({
    executablePath: process.env.SPOOL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const libraries: Library[] = [];
  try {
    const smallLib = await openLibrary(browser, SMALL);
    libraries.push(smallLib);
    const bigLib = await openLibrary(browser, BIG);
    libraries.push(bigLib);
    // Interleaved, load by load and call by call: both libraries share the machine's mood.
    for (let i = 0; i < RELOADS; i++) {
      for (const lib of libraries) {
        await lib.page.reload();
        lib.loads.push(await usable(lib.page));
      }
    }
    const heaps = [await heapMiB(smallLib.page), await heapMiB(bigLib.page)];
    for (let i = 0; i < OPS; i++) for (const lib of libraries) await createAndRename(lib, i);
    // Each page saw every change: its sidebar shows the last rename.
    for (const lib of libraries) {
      await lib.page.getByRole('button', { name: `Renamed ${OPS - 1}`, exact: true }).waitFor();
    }
    const small = figures(smallLib, heaps[0]!);
    const big = figures(bigLib, heaps[1]!);
    const ratio = (a: number, b: number) => round(a / b, 2);
    const loadRatio = ratio(big.loadMs, small.loadMs);
    const createRatio = ratio(big.createMs, small.createMs);
    const renameRatio = ratio(big.renameMs, small.renameMs);
    return report(
      'library',
      {
        loadRatio,
        heapMiB: big.heapMiB,
        createRatio,
        renameRatio,
        loadMs: big.loadMs,
        loadMsSmall: small.loadMs,
        heapMiBSmall: small.heapMiB,
        createMs: big.createMs,
        createMsSmall: small.createMs,
        renameMs: big.renameMs,
        renameMsSmall: small.renameMs,
        small,
        big,
        method:
          `Libraries of ${SMALL} and ${BIG} conversations (${PINNED} pinned), seeded with ConversationStore, each ` +
          'served by its own browser-mode host (a child process) to its own headless Chromium page at 1280×800, ' +
          'both open at once and measured alternately (reload by reload, call by call). Load: ' +
          `navigation start → the Conversations navigation not busy with its first row rendered, median of ${RELOADS} ` +
          'reloads after one warm-up load. Heap: CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, ' +
          `the page loaded. Create and rename: round trips of ${OPS} conversations.create + conversations.rename ` +
          'over a second API WebSocket while the page is connected and receives every change, medians. ' +
          'Ratios: the big library over the small one, same run.',
      },
      [
        { label: `page load to a usable sidebar ≤ 2× (${BIG} vs ${SMALL})`, met: loadRatio <= 2 },
        { label: `page JS heap ≤ 50 MiB with ${BIG}`, met: big.heapMiB <= 50 },
        { label: 'conversations.create latency ≤ 2×', met: createRatio <= 2 },
        { label: 'conversations.rename latency ≤ 2×', met: renameRatio <= 2 },
      ],
    );
  } finally {
    for (const lib of libraries) await lib.close();
    await browser.close();
  }
}

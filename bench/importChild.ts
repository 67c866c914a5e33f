/**
 * The measured process of the `import` benchmark (bench/import.ts). Modes:
 * - import FILE DATADIR: a fresh library (SpoolCore, as the app opens it) imports FILE;
 * - parse FILE: the same streaming read and parse, no database (the parser's share);
 * - json-parse FILE: the whole file read and JSON.parse'd at once (what streaming avoids).
 * RSS is sampled every 20 ms from a baseline taken after gc(); one JSON line on stdout.
 */
import fs from 'node:fs';
import { SpoolCore } from '../electron/core/SpoolCore';
import { openExport } from '../electron/core/import/openExport';
import { readConversations } from '../electron/core/import/readConversations';
import { importFile } from './lib/importSeed';

const MiB = 1024 * 1024;
const [mode, file, dataDir] = process.argv.slice(2) as [string, string, string | undefined];

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure(work: () => Promise<Record<string, unknown>>): Promise<void> {
  gc();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const out = await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ ...out, seconds, baselineRssMiB: baseline / MiB, peakRssMiB: peak / MiB }));
}

if (mode === 'import') {
  const core = SpoolCore.open({ dataDir: dataDir!, mode: 'test', env: {}, log: () => {} });
  await measure(async () => {
    const p = await importFile(core, file);
    if (p.state !== 'done') throw new Error(`import ${p.state}: ${p.error?.message}`);
    return { conversations: p.conversationsAdded, messages: p.messagesAdded };
  });
  await core.close();
} else if (mode === 'parse') {
  await measure(async () => {
    const opened = await openExport(file, { maxUncompressedBytes: Number.MAX_SAFE_INTEGER });
    const { values } = await readConversations(opened.stream);
    let conversations = 0;
    for await (const _ of values) conversations++;
    opened.close();
    return { conversations };
  });
} else if (mode === 'json-parse') {
  await measure(async () => {
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown[];
    return { conversations: all.length };
  });
} else {
  throw new Error(`unknown mode ${mode}`);
}

/**
 * memory: RSS growth while 1 000 000 chunks stream through the engine to a subscriber.
 * Runs in a child process started with --expose-gc so nothing else of the bench run
 * is in its heap. The headline runs the engine WITHOUT the MessageWriter on one
 * stream: with the writer, one huge message re-serialises its parts on every
 * debounced write, which measures the size of that one message, not the engine's
 * bounded buffers. The app's shape (the writer attached, 1 000-chunk replies, 4 at a
 * time) is measured too and reported as `withWriter`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { report } from './lib/results';
import { round } from './lib/setup';

const CHUNKS = 1_000_000;
/**
 * Runs of the headline measurement. Under a producer that floods 10 000 chunks per turn
 * V8 grows its young generation (semi-spaces to 32 MiB) and only gives it back when its
 * memory reducer runs, ~8 s after the burst: so both RSS readings are taken after a
 * settle (gc, 10 s idle, gc; see memoryChild.ts). Without it the same run read 2.5 or
 * 50 MiB depending on the semi-spaces' size at that moment.
 */
const RUNS = 3;
const ROOT = path.resolve(import.meta.dirname, '..');

interface ChildResult {
  mode: string;
  chunks: number;
  delivered: number;
  seconds: number;
  baselineRssMiB: number;
  peakRssMiB: number;
  heapTotalGrowthAtPeakMiB: number;
  endRssMiB: number;
  heapGrowthMiB: number;
}

function measure(mode: 'engine' | 'writer') {
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'memoryChild.ts'),
      mode,
      String(CHUNKS),
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`memory child (${mode}) failed (${child.status}): ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult;
  if (r.delivered !== CHUNKS) throw new Error(`${mode}: subscribers got ${r.delivered} of ${CHUNKS} chunks`);
  return {
    rssGrowthMiB: round(r.endRssMiB - r.baselineRssMiB, 1),
    peakRssGrowthMiB: round(r.peakRssMiB - r.baselineRssMiB, 1),
    heapTotalGrowthAtPeakMiB: round(r.heapTotalGrowthAtPeakMiB, 1),
    baselineRssMiB: round(r.baselineRssMiB, 1),
    peakRssMiB: round(r.peakRssMiB, 1),
    heapGrowthMiB: round(r.heapGrowthMiB, 2),
    chunksPerSec: round(r.chunks / r.seconds),
  };
}

export async function run(): Promise<boolean> {
  const runs = Array.from({ length: RUNS }, () => measure('engine'));
  const sorted = [...runs].sort((a, b) => a.rssGrowthMiB - b.rssGrowthMiB);
  const engine = sorted[RUNS >> 1]!; // the median run by rssGrowthMiB
  const withWriter = measure('writer');
  const result = {
    chunks: CHUNKS,
    ...engine,
    worstRssGrowthMiB: sorted[RUNS - 1]!.rssGrowthMiB,
    worstPeakRssGrowthMiB: Math.max(...runs.map((r) => r.peakRssGrowthMiB)),
    runs,
    withWriterRssGrowthMiB: withWriter.rssGrowthMiB,
    withWriter: { chunks: CHUNKS, replies: CHUNKS / 1000, concurrent: 4, ...withWriter },
    method:
      'Child process with --expose-gc; 20-byte text deltas, producers as fast as backpressure allows ' +
      '(default caps: 10 000 chunks / 32 MiB pending), durable subscribers counting. Headline: ONE stream ' +
      'through the engine WITHOUT the MessageWriter (with it, one huge message re-serialises its parts on ' +
      'every debounced write). withWriter: the app shape, MessageWriter attached, 1 000-chunk replies, 4 at ' +
      "a time. Each: warm-up of 100 000 chunks, settle (gc(), 10 s idle for V8's memory reducer, gc()), baseline " +
      'RSS; 1 000 000 more chunks stream; settle, end RSS. rssGrowthMiB = end RSS − baseline (what stays); peakRssGrowthMiB = highest RSS sampled every 20 ms ' +
      'during the run − baseline, with heapTotalGrowthAtPeakMiB = how much of it the V8 heap had reserved. ' +
      `Headline = the median of ${RUNS} runs (all in runs; worst* fields = the worst run); withWriter: one run.`,
  };
  return report('memory', result, [
    { label: 'RSS growth ≤ 50 MiB for 1 000 000 chunks', met: engine.rssGrowthMiB <= 50 },
  ]);
}

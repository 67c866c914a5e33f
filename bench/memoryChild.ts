/**
 * The measured process of the memory benchmark (run with --expose-gc by memory.ts):
 * streams `chunks` 20-byte text deltas through the engine to one durable subscriber
 * as fast as backpressure allows, sampling RSS every 20 ms. Prints one JSON line.
 */
import type { ChunkItem } from '../shared/chunks';
import { benchDb, delta20, durableUntil } from './lib/setup';

const CHUNKS = Number(process.argv[2] ?? 1_000_000);
const WARMUP = 100_000;
const MiB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

async function produce(append: (i: number) => void | Promise<void>, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const room = append(i);
    if (room) await room;
  }
}

const b = benchDb();
try {
  const engine = b.engine();
  const handle = engine.start({ messageId: b.newMessage() });
  let delivered = 0;
  engine.subscribe(handle.id, -1, (items: ChunkItem[]) => void (delivered += items.length));
  const append = (i: number) => handle.append(delta20(i));

  // Warm-up: JIT, SQLite page cache, statement caches, WAL at its checkpoint size.
  const warm = durableUntil(engine, handle.id, WARMUP - 1);
  await produce(append, 0, WARMUP);
  await warm;
  gc();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);

  const t0 = performance.now();
  const last = WARMUP + CHUNKS - 1;
  const all = durableUntil(engine, handle.id, last);
  await produce(append, WARMUP, WARMUP + CHUNKS);
  await all;
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  gc();
  const end = process.memoryUsage();
  console.log(
    JSON.stringify({
      chunks: CHUNKS,
      delivered: delivered - WARMUP,
      seconds: ms / 1000,
      baselineRssMiB: baseline.rss / MiB,
      peakRssMiB: peakRss / MiB,
      endRssMiB: end.rss / MiB,
      heapGrowthMiB: (end.heapUsed - baseline.heapUsed) / MiB,
    }),
  );
} finally {
  b.cleanup();
}

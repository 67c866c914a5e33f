/**
 * The measured process of the memory benchmark (run with --expose-gc by memory.ts).
 * Mode `engine`: one stream of `chunks` 20-byte text deltas through the engine to one
 * durable subscriber. Mode `writer`: the same number of chunks as 1 000-chunk replies,
 * 4 at a time, with the debounced MessageWriter attached (the app's shape). Producers
 * go as fast as backpressure allows; RSS is sampled every 20 ms. Prints one JSON line.
 */
import type { ChunkItem } from '../shared/chunks';
import { MessageWriter } from '../electron/core/stream/MessageWriter';
import type { StreamEngine } from '../electron/core/stream/StreamEngine';
import { benchDb, delta20, durableUntil, type BenchDb } from './lib/setup';

const mode = process.argv[2] === 'writer' ? 'writer' : 'engine';
const CHUNKS = Number(process.argv[3] ?? 1_000_000);
const WARMUP = 100_000;
const REPLY = 1_000;
const CONCURRENT = 4;
const MiB = 1024 * 1024;
const SETTLE_MS = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

let delivered = 0;

/**
 * A full GC, then long enough idle for V8's memory reducer (it looks ~8 s after the
 * allocation rate drops) to shrink the young generation it grew during the burst, then
 * another GC. Without it, RSS "after" depends on whether the semi-spaces happened to be
 * grown (to 32 MiB) when it was read: 2.5 or 50 MiB for the same run (bench/README.md).
 */
async function settle(): Promise<void> {
  gc!();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  gc!();
}

/** Streams `count` chunks on one new stream and resolves when all are delivered durably. */
async function oneStream(b: BenchDb, engine: StreamEngine, count: number): Promise<void> {
  const handle = engine.start({ messageId: b.newMessage() });
  const off = engine.subscribe(handle.id, -1, (items: ChunkItem[]) => void (delivered += items.length));
  const all = durableUntil(engine, handle.id, count - 1);
  for (let i = 0; i < count - 1; i++) {
    const room = handle.append(delta20(i));
    if (room) await room;
  }
  await handle.complete('stop');
  await all;
  off();
}

/** `total` chunks as replies of REPLY chunks, CONCURRENT at a time. */
async function replies(b: BenchDb, engine: StreamEngine, total: number): Promise<void> {
  let left = total / REPLY;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (left-- > 0) await oneStream(b, engine, REPLY);
    }),
  );
}

const b = benchDb();
const writer = mode === 'writer' ? new MessageWriter({ messages: b.messages }) : null;
try {
  const engine = b.engine();
  if (writer) engine.addListener(writer);
  const run = (count: number) =>
    mode === 'writer' ? replies(b, engine, count) : oneStream(b, engine, count);

  // Warm-up: JIT, SQLite page cache, statement caches, WAL at its checkpoint size.
  await run(WARMUP);
  await settle();
  delivered = 0;
  const baseline = process.memoryUsage();
  let peak = baseline;
  const sample = () => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  };
  const sampler = setInterval(sample, 20);
  const t0 = performance.now();
  await run(CHUNKS);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  sample();
  await settle();
  const end = process.memoryUsage();
  console.log(
    JSON.stringify({
      mode,
      chunks: CHUNKS,
      delivered,
      seconds: ms / 1000,
      baselineRssMiB: baseline.rss / MiB,
      peakRssMiB: peak.rss / MiB,
      // What the V8 heap had reserved at the RSS peak: young-generation sizing under a high
      // allocation rate shows here, and is given back after gc().
      heapTotalGrowthAtPeakMiB: (peak.heapTotal - baseline.heapTotal) / MiB,
      endRssMiB: end.rss / MiB,
      heapGrowthMiB: (end.heapUsed - baseline.heapUsed) / MiB,
    }),
  );
} finally {
  writer?.close();
  b.cleanup();
}

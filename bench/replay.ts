/**
 * replay: 100 000 committed chunks replayed to a new subscriber (afterSeq = -1), timed
 * from `subscribe` until the subscriber holds the last seq. Replay pages through the
 * log one page per event-loop turn (default page size), as a reloaded window gets it.
 */
import type { ChunkItem } from '../shared/chunks';
import { report } from './lib/results';
import { compactStream } from '../electron/core/stream/compactStream';
import { benchDb, delta20, durableUntil, median, round } from './lib/setup';

const CHUNKS = 100_000;
const ROUNDS = 5;

export async function run(): Promise<boolean> {
  const b = benchDb();
  try {
    const engine = b.engine();
    const handle = engine.start({ messageId: b.newMessage() });
    const committed = durableUntil(engine, handle.id, CHUNKS - 1);
    for (let i = 0; i < CHUNKS - 1; i++) {
      const room = handle.append(delta20(i));
      if (room) await room;
    }
    await handle.complete('stop'); // the last of the 100 000 chunks
    await committed;

    const replayOnce = async (): Promise<number> => {
      let count = 0;
      const t0 = performance.now();
      await new Promise<void>((resolve) => {
        const off = engine.subscribe(handle.id, -1, (items: ChunkItem[]) => {
          count += items.length;
          if (items[items.length - 1]!.seq === CHUNKS - 1) {
            off();
            resolve();
          }
        });
      });
      if (count !== CHUNKS) throw new Error(`replay delivered ${count} chunks, expected ${CHUNKS}`);
      return performance.now() - t0;
    };
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) times.push(await replayOnce());
    // The same stream once compacted at rest: the reader decodes its blocks (issue 15).
    const compaction = compactStream(b.ownSqlite, handle.id, Date.now());
    if (!compaction.compacted) throw new Error(`not compacted: ${compaction.reason}`);
    const compactedTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) compactedTimes.push(await replayOnce());
    const compactedMs = median(compactedTimes);
    const ms = median(times);
    const result = {
      chunks: CHUNKS,
      ms: round(ms, 1),
      chunksPerSec: round(CHUNKS / (ms / 1000)),
      firstRunMs: round(times[0]!, 1),
      samplesMs: times.map((t) => round(t, 1)),
      compactedMs: round(compactedMs, 1),
      compactedSamplesMs: compactedTimes.map((t) => round(t, 1)),
      compactedBlocks: compaction.blocks,
      method:
        `${CHUNKS} committed chunks (20-byte text deltas, one finished stream) replayed to a new subscriber ` +
        `with afterSeq = -1, default page size; median of ${ROUNDS} subscribers (the first is firstRunMs). ` +
        `Then the same stream compacted into blocks (compactStream) and replayed ${ROUNDS} times again (compactedMs).`,
    };
    return report('replay', result, [
      { label: 'replay of 100 000 chunks ≤ 500 ms', met: ms <= 500 },
      { label: 'replay of 100 000 compacted chunks ≤ 500 ms', met: compactedMs <= 500 },
    ]);
  } finally {
    b.cleanup();
  }
}

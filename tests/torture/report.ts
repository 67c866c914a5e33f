/**
 * What the writer child tells the torture loop, one line each, with a synchronous
 * write before anything else happens: a line the parent read describes something
 * already committed (or, for `I`, about to be), so it must hold after the SIGKILL.
 *
 *   R                      ready (the kill clock starts)
 *   S <streamId>           a stream started
 *   P <streamId> <a> <b>   seqs a..b reached a durable subscriber: published
 *   O <operation>          a branching operation committed (counted in the summary)
 *   I <conversationId>     its shown branch is about to change (no claim until the V)
 *   V <conversationId> <messageId>  committed: that message is on the shown branch
 */
import fs from 'node:fs';
import { TERMINAL_CHUNK_TYPES, type ChunkItem } from '../../shared/chunks';
import type { StreamEngine } from '../../electron/core/stream/StreamEngine';

export function line(text: string): void {
  fs.writeSync(1, text + '\n');
}

/**
 * Announces a stream and reports every seq a durable subscriber receives (replay
 * included, so chunks committed before this call are reported too). Resolves when
 * the stream's terminal chunk is committed.
 */
export function watchStream(engine: StreamEngine, streamId: string): Promise<void> {
  line(`S ${streamId}`);
  return new Promise((resolve) => {
    const stop = engine.subscribe(streamId, -1, (items, info) => {
      if (!info.durable) return;
      reportRuns(streamId, items);
      if (items.some((i) => TERMINAL_CHUNK_TYPES.has(i.chunk.type))) {
        stop();
        resolve();
      }
    });
  });
}

/** One line per run of consecutive seqs (a batch is normally one run). */
function reportRuns(streamId: string, items: ChunkItem[]): void {
  let from = items[0]!.seq;
  let prev = from;
  for (let i = 1; i <= items.length; i++) {
    const seq = i < items.length ? items[i]!.seq : Number.NaN;
    if (seq === prev + 1) {
      prev = seq;
      continue;
    }
    line(`P ${streamId} ${from} ${prev}`);
    from = prev = seq;
  }
}

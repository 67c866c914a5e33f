import type { CommitBatch, StreamListener } from '../stream/types';

/** Streams remembered at most; the oldest are forgotten first (their batches are then inferred). */
const MAX_STREAMS = 500;

export interface RecordedBatches {
  count: number;
  largest: number;
}

/**
 * Counts the engine's commit batches per stream as they happen. The chunk log keeps
 * no batch id (a column per chunk to answer one inspector question is not worth it),
 * so only streams committed by this process since launch have exact figures.
 */
export class CommitRecorder implements StreamListener {
  private readonly byStream = new Map<string, RecordedBatches>();

  committed(batch: CommitBatch): void {
    const sizes = new Map<string, number>();
    for (const item of batch.items) {
      if (item.chunk.type === 'raw') continue; // provider events are counted apart, as in the inspector
      sizes.set(item.streamId, (sizes.get(item.streamId) ?? 0) + 1);
    }
    for (const [streamId, size] of sizes) {
      let entry = this.byStream.get(streamId);
      if (!entry) {
        if (this.byStream.size >= MAX_STREAMS) this.byStream.delete(this.byStream.keys().next().value!);
        entry = { count: 0, largest: 0 };
        this.byStream.set(streamId, entry);
      }
      entry.count++;
      entry.largest = Math.max(entry.largest, size);
    }
  }

  get(streamId: string): RecordedBatches | undefined {
    return this.byStream.get(streamId);
  }
}

/**
 * A stand-in for main on the other side of the stream store: it holds each stream's
 * chunk log, records every call, and delivers `stream.chunks` batches exactly when
 * a test says so — so a test can drop, duplicate and reorder batches on purpose.
 * (The real core is exercised in realCore.test.ts.)
 */
import type { ApiEvents } from '../../../shared/api/events';
import type { Chunk, ChunkItem } from '../../../shared/chunks';
import type { StreamApi } from '../../../renderer/src/stream/streamStore';

export interface RecordedCall {
  channel: string;
  request: unknown;
}

export class FakeMain implements StreamApi {
  readonly calls: RecordedCall[] = [];
  readonly logs = new Map<string, Chunk[]>();
  private handler: ((payload: ApiEvents['stream.chunks']) => void) | null = null;
  private nextId = 0;
  /** When set, calls fail with this error. */
  failWith: Error | null = null;

  subscribes(streamId?: string): { streamId: string; afterSeq: number }[] {
    return this.calls
      .filter((c) => c.channel === 'streams.subscribe')
      .map((c) => c.request as { streamId: string; afterSeq: number })
      .filter((r) => streamId === undefined || r.streamId === streamId);
  }

  async call(channel: string, request: unknown): Promise<never> {
    this.calls.push({ channel, request });
    if (this.failWith) throw this.failWith;
    if (channel === 'streams.subscribe') return { subscriptionId: `sub-${++this.nextId}` } as never;
    return request as never;
  }

  on(_name: 'stream.chunks', handler: (payload: ApiEvents['stream.chunks']) => void): () => void {
    this.handler = handler;
    return () => {
      this.handler = null;
    };
  }

  /** Appends chunks to a stream's log and returns them as items (not delivered yet). */
  append(streamId: string, chunks: Chunk[]): ChunkItem[] {
    const log = this.logs.get(streamId) ?? [];
    this.logs.set(streamId, log);
    return chunks.map((chunk) => ({ streamId, seq: log.push(chunk) - 1, chunk }));
  }

  /** The items with seq > afterSeq, as a replay would send them. */
  replay(streamId: string, afterSeq: number): ChunkItem[] {
    return (this.logs.get(streamId) ?? [])
      .map((chunk, seq) => ({ streamId, seq, chunk }))
      .filter((item) => item.seq > afterSeq);
  }

  deliver(items: ChunkItem[]): void {
    this.handler?.({ items });
  }
}

/** A text reply as chunks: start, one delta per word, end. */
export function textReply(words: string[], id = 't'): Chunk[] {
  return [
    { type: 'start' },
    { type: 'text-start', id },
    ...words.map((w): Chunk => ({ type: 'text-delta', id, delta: w })),
    { type: 'text-end', id },
  ];
}

export function textOf(parts: { type: string; text?: string }[] | undefined): string {
  return (parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
}

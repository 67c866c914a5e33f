import type { Chunk } from '../../../shared/chunks';
import type { MessageError } from '../../../shared/api/schemas/messages';
import type { ChunkLog } from './ChunkLog';
import type { StreamEndStatus } from './types';

export interface EndRequest {
  status: StreamEndStatus;
  error: MessageError | null;
}

/** Appending to a stream that has ended (or whose conversation was deleted). */
export class StreamEndedError extends Error {
  readonly code = 'STREAM_ENDED';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} has ended; nothing more can be appended.`);
    this.name = 'StreamEndedError';
  }
}

const END_OF: Partial<Record<Chunk['type'], StreamEndStatus>> = {
  finish: 'complete',
  error: 'error',
  abort: 'cancelled',
};

/**
 * What a provider run holds: append chunks, then end the stream once. Each end
 * appends its terminal chunk (finish / error / abort; interrupt appends none) and
 * sets the stream's status and ended_at in the same commit as that chunk.
 */
export class StreamHandle {
  private endedAs: StreamEndStatus | null = null;

  constructor(
    readonly id: string,
    readonly messageId: string,
    readonly startedAt: number,
    private readonly log: ChunkLog,
    private readonly onEnd: (req: EndRequest) => void,
  ) {}

  get ended(): boolean {
    return this.endedAs !== null || !this.log.isOpen(this.id);
  }

  get status(): StreamEndStatus | 'streaming' {
    return this.endedAs ?? 'streaming';
  }

  /**
   * Logs the next chunk. Returns a promise only when the pending buffer is full:
   * await it before reading more from the provider (§3.9). A terminal chunk
   * (finish / error / abort) ends the stream like complete / fail / cancel.
   */
  append(chunk: Chunk): void | Promise<void> {
    if (this.ended) throw new StreamEndedError(this.id);
    const endsAs = END_OF[chunk.type];
    const room = this.log.append(this.id, chunk);
    if (endsAs) {
      const error =
        chunk.type === 'error' ? { code: chunk.code ?? 'provider', message: chunk.errorText } : null;
      this.finish(endsAs, error);
    }
    return room;
  }

  complete(finishReason?: string): void | Promise<void> {
    return this.append(finishReason === undefined ? { type: 'finish' } : { type: 'finish', finishReason });
  }

  fail(error: MessageError): void | Promise<void> {
    return this.append({ type: 'error', errorText: error.message, code: error.code });
  }

  cancel(reason?: string): void | Promise<void> {
    return this.append(reason === undefined ? { type: 'abort' } : { type: 'abort', reason });
  }

  /** The reader was lost (quit): no chunk, status 'interrupted'. */
  interrupt(): void {
    if (this.ended) return;
    this.finish('interrupted', null);
  }

  private finish(status: StreamEndStatus, error: MessageError | null): void {
    this.endedAs = status;
    this.onEnd({ status, error });
  }
}

import type { MessageError } from '../../../shared/api/schemas/messages';
import type { ChunkItem } from '../../../shared/chunks';
import type { SpoolCore } from '../../core/SpoolCore';
import type { StreamEndStatus } from '../../core/stream/types';
import { warn, type CliIo } from '../io';

export interface ReplyEnd {
  status: StreamEndStatus;
  error: MessageError | null;
}

/**
 * Prints a stream's text to stdout as an engine subscriber, and only what is in the
 * chunk log: while storage fails, chunks delivered live but not durable are held
 * back until a later commit (the log commits in seq order, so a durable seq means
 * every seq before it is durable too). Resolves once the stream has ended and
 * every one of its chunks has been handled.
 */
export function printReply(core: SpoolCore, io: CliIo, streamId: string): Promise<ReplyEnd> {
  return new Promise<ReplyEnd>((resolve) => {
    const held: ChunkItem[] = [];
    let receivedSeq = -1;
    let committedSeq = -1;
    let end: ReplyEnd | null = null;
    let finished = false;
    const lastSeq = core.db.prepare<[string], number>('SELECT last_seq FROM streams WHERE id = ?').pluck();

    const drain = () => {
      if (finished) return;
      let n = 0;
      while (n < held.length && held[n]!.seq <= committedSeq) n++;
      if (n > 0) {
        let text = '';
        for (const { chunk } of held.splice(0, n)) if (chunk.type === 'text-delta') text += chunk.delta;
        // Synchronous for files and pipes on POSIX: once written, it is the OS's.
        if (text) io.stdout.write(text);
      }
      if (end && held.length === 0 && receivedSeq >= (lastSeq.get(streamId) ?? -1)) {
        finished = true;
        unsubscribe();
        removeListener();
        resolve(end);
      }
    };

    const removeListener = core.engine.addListener({
      committed(batch) {
        for (const item of batch.items)
          if (item.streamId === streamId) committedSeq = Math.max(committedSeq, item.seq);
        for (const e of batch.ended) if (e.streamId === streamId) end = { status: e.status, error: e.error };
        drain();
      },
    });
    const unsubscribe = core.engine.subscribe(
      streamId,
      -1,
      (items, info) => {
        held.push(...items);
        receivedSeq = items[items.length - 1]!.seq;
        if (info.durable) committedSeq = Math.max(committedSeq, receivedSeq);
        drain();
      },
      {
        includeRaw: false,
        onLive: (event) => {
          const e = event as { type?: string; delayMs?: number; code?: string; errorText?: string };
          if (e.type === 'retry')
            warn(io, `retrying in ${Math.round((e.delayMs ?? 0) / 100) / 10} s (${e.code}: ${e.errorText})`);
        },
      },
    );
    // The stream may have ended before we subscribed (a fast failure): the row says so.
    const row = core.db
      .prepare<[string], { status: string; error: string | null }>(
        'SELECT status, error FROM streams WHERE id = ?',
      )
      .get(streamId);
    if (row && row.status !== 'streaming' && !end) {
      end = {
        status: row.status as StreamEndStatus,
        error: row.error ? (JSON.parse(row.error) as MessageError) : null,
      };
      committedSeq = Math.max(committedSeq, lastSeq.get(streamId) ?? -1);
      drain();
    }
  });
}

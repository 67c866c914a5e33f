import type { MessageError } from '../../../shared/api/schemas/messages';
import type { ChunkItem } from '../../../shared/chunks';
import type { CoreClient, SpoolCore } from '../../core/SpoolCore';
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
export function printReply(
  core: SpoolCore,
  client: CoreClient,
  io: CliIo,
  streamId: string,
): Promise<ReplyEnd> {
  return new Promise<ReplyEnd>((resolve, reject) => {
    const held: ChunkItem[] = [];
    let receivedSeq = -1;
    let committedSeq = -1;
    let end: ReplyEnd | null = null;
    /** The stream's last seq once it has ended: every chunk up to it must be printed first. */
    let finalSeq: number | null = null;
    let finished = false;
    const statusOf = async () => {
      const status = await client.call('streams.status', { streamId });
      if (!status.ok) throw new Error(`stream ${streamId}: ${status.error.message}`);
      return status.data;
    };
    const learnFinalSeq = () =>
      statusOf().then((row) => {
        finalSeq = row.lastSeq ?? -1;
        drain();
      }, fail);
    const fail = (err: unknown) => {
      if (finished) return;
      finished = true;
      unsubscribe();
      removeListener();
      reject(err instanceof Error ? err : new Error(String(err)));
    };

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
      if (end && finalSeq !== null && held.length === 0 && receivedSeq >= finalSeq) {
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
        for (const e of batch.ended) {
          if (e.streamId !== streamId || end) continue;
          end = { status: e.status, error: e.error };
          learnFinalSeq();
        }
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
    // The stream may have ended before we subscribed (a fast failure): its status says so.
    statusOf().then((row) => {
      if (row.status === 'streaming' || end) return;
      end = { status: row.status, error: row.error };
      finalSeq = row.lastSeq ?? -1;
      committedSeq = Math.max(committedSeq, finalSeq);
      drain();
    }, fail);
  });
}

import type { ApiEventMessage } from '../../../shared/api/events';
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
 * Prints a stream's text to stdout through the API (`streams.subscribe` and its
 * `stream.chunks` events), and only what is in the chunk log: while storage fails,
 * chunks an event marks as not durable (`undurableFrom`) are held back until a later
 * durable chunk or the stream's end (the log commits in seq order, so a durable seq
 * means every seq before it is durable too). Resolves once the stream has ended and
 * every one of its chunks has been handled.
 */
export function printReply(core: Pick<SpoolCore, 'connect'>, io: CliIo, streamId: string): Promise<ReplyEnd> {
  return new Promise<ReplyEnd>((resolve, reject) => {
    const held: ChunkItem[] = [];
    let receivedSeq = -1;
    let committedSeq = -1;
    let end: ReplyEnd | null = null;
    /** The stream's last seq once it has ended: every chunk up to it must be printed first. */
    let finalSeq: number | null = null;
    let finished = false;

    const onEvent = (event: ApiEventMessage) => {
      if (finished) return;
      if (event.name === 'stream.chunks') {
        const items = event.payload.items.filter((item) => item.streamId === streamId);
        if (items.length === 0) return;
        held.push(...items);
        receivedSeq = items[items.length - 1]!.seq;
        const undurableFrom = event.payload.undurableFrom?.[streamId];
        committedSeq = Math.max(committedSeq, undurableFrom === undefined ? receivedSeq : undurableFrom - 1);
        drain();
      } else if (event.name === 'stream.live' && event.payload.streamId === streamId) {
        const e = event.payload.event as {
          type?: string;
          delayMs?: number;
          code?: string;
          errorText?: string;
        };
        if (e.type === 'retry')
          warn(io, `retrying in ${Math.round((e.delayMs ?? 0) / 100) / 10} s (${e.code}: ${e.errorText})`);
      } else if (
        event.name === 'message.updated' &&
        event.payload.message.streamId === streamId &&
        event.payload.message.status !== 'streaming'
      ) {
        // The end is committed with the stream's row: its status tells how, and up to which seq.
        checkEnded();
      }
    };
    const client = core.connect(onEvent);

    const finish = () => {
      finished = true;
      client.dispose();
    };
    const fail = (err: unknown) => {
      if (finished) return;
      finish();
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
        finish();
        resolve(end);
      }
    };

    /** Whether the stream has ended (its row says so): if it has, its end and last seq. */
    const checkEnded = () => {
      client
        .call('streams.status', { streamId })
        .then((status) => {
          if (!status.ok) throw new Error(`stream ${streamId}: ${status.error.message}`);
          const row = status.data;
          if (row.status === 'streaming' || end) return;
          end = { status: row.status, error: row.error };
          finalSeq = row.lastSeq ?? -1;
          // An ended stream's row is written in the commit that logs its last chunks.
          committedSeq = Math.max(committedSeq, finalSeq);
          drain();
        }, fail)
        .catch(fail);
    };

    client
      .call('streams.subscribe', { streamId, afterSeq: -1 })
      .then((subscribed) => {
        if (!subscribed.ok) throw new Error(`stream ${streamId}: ${subscribed.error.message}`);
        // The stream may have ended before we subscribed (a fast failure): its status says so.
        checkEnded();
      }, fail)
      .catch(fail);
  });
}

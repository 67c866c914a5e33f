/**
 * Keeps every byte a provider sent, even when the connection then breaks.
 *
 * Two layers drop data on a cut connection: undici's fetch errors the body stream
 * and discards what it had queued but not yet handed out, and a web stream error
 * travelling down the SDK's parser pipeline discards what each stage had queued.
 * So the body is read eagerly (nothing waits inside undici), and a failure is
 * recorded aside and the stream is *closed* rather than errored once everything
 * received has been handed on: the SDK parses all of it, and streamReply reports
 * the recorded failure instead of whatever the SDK makes of the early end.
 */
import type { FetchFn } from './models';

/** Past this much unread data, reading pauses (TCP backpressure) — bounded memory. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export class LosslessTransport {
  /** Why the response body ended early, if it did. */
  failure: { error: unknown } | undefined;

  constructor(private readonly base: FetchFn = globalThis.fetch) {}

  readonly fetch: FetchFn = async (input, init) => {
    const response = await this.base(input, init);
    if (!response.body || !response.ok) return response;
    const body = this.drainEagerly(response.body);
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  private drainEagerly(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = source.getReader();
    const queue: Uint8Array[] = [];
    let queuedBytes = 0;
    let ended = false;
    let cancelled = false;
    let wakeReader: (() => void) | undefined;
    let wakePump: (() => void) | undefined;

    const pump = async () => {
      try {
        for (;;) {
          while (queuedBytes >= MAX_BUFFERED_BYTES && !cancelled)
            await new Promise<void>((r) => (wakePump = r));
          if (cancelled) return;
          const { done, value } = await reader.read();
          if (done) break;
          queue.push(value);
          queuedBytes += value.byteLength;
          wakeReader?.();
        }
      } catch (error) {
        if (!cancelled) this.failure = { error };
      }
      ended = true;
      wakeReader?.();
    };
    void pump();

    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          while (queue.length === 0 && !ended) await new Promise<void>((r) => (wakeReader = r));
          wakeReader = undefined;
          const next = queue.shift();
          if (next) {
            queuedBytes -= next.byteLength;
            wakePump?.();
            wakePump = undefined;
            controller.enqueue(next);
          } else {
            controller.close();
          }
        },
        cancel(reason) {
          cancelled = true;
          wakePump?.();
          return reader.cancel(reason).catch(() => undefined);
        },
      },
      { highWaterMark: 0 },
    );
  }
}

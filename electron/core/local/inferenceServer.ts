/**
 * The inference side of the LocalLlm protocol: runs each `generate` on a LlamaRunner,
 * batches its text, honours aborts, and on `close` disposes the model before ending.
 * The same code serves the worker thread (llamaWorker.ts) and the in-process host
 * (inProcessHost.ts); only how it ends differs (`exit`).
 */
import type { LlamaRunner } from './LlamaRunner';
import type { FromWorker, ToWorker } from './protocol';

/** Text generated within `ms` of the first pending token leaves as one message. */
class TextBatch {
  private text = '';
  private tokens: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly ms: number,
    private readonly emit: (text: string, tokens: number[]) => void,
  ) {}

  add(text: string, tokens: readonly number[]): void {
    this.text += text;
    this.tokens.push(...tokens);
    if (this.ms <= 0) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.ms);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.text && this.tokens.length === 0) return;
    this.emit(this.text, this.tokens);
    this.text = '';
    this.tokens = [];
  }
}

/** The port the server talks through: a worker's parentPort, or one end of a MessageChannel. */
export interface InferencePort {
  on(event: 'message', listener: (message: ToWorker) => void): unknown;
  postMessage(message: FromWorker): void;
}

export function serveInference(port: InferencePort, runner: LlamaRunner, exit: (code: number) => void): void {
  const running = new Map<number, AbortController>();
  const send = (message: FromWorker) => port.postMessage(message);

  port.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      for (const controller of running.values()) controller.abort();
      void runner.dispose().finally(() => exit(0));
      return;
    }
    if (message.type === 'abort') {
      running.get(message.id)?.abort();
      return;
    }
    const { id, request } = message;
    const controller = new AbortController();
    running.set(id, controller);
    const batch = new TextBatch(request.batchMs, (text, tokens) => send({ type: 'text', id, text, tokens }));
    runner
      .generate(
        request,
        {
          onStarted: (prompt, loadMs) => send({ type: 'started', id, prompt, loadMs }),
          onText: (text, tokens) => batch.add(text, tokens),
        },
        controller.signal,
      )
      .then(
        (result) => {
          batch.flush();
          send({
            type: 'done',
            id,
            stopReason: result.stopReason,
            tokens: result.tokens,
            ...(result.usage ? { usage: result.usage } : {}),
          });
        },
        (err: unknown) => {
          batch.flush();
          send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(() => running.delete(id));
  });
}

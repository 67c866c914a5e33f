/**
 * The inference worker: node-llama-cpp runs here, off the main thread, so loading
 * the native library (~150 ms of blocked event loop when done in-process) and the
 * model never stalls the app. Generation itself runs on llama.cpp's native threads
 * either way; see bench/local.ts for the measured stalls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LlamaRunner } from './LlamaRunner';
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

const port = parentPort!;
const runner = new LlamaRunner((workerData as { maxThreads: number }).maxThreads);
const running = new Map<number, AbortController>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    for (const controller of running.values()) controller.abort();
    void runner.dispose().finally(() => process.exit(0));
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
        send({ type: 'done', id, stopReason: result.stopReason, tokens: result.tokens });
      },
      (err: unknown) => {
        batch.flush();
        send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) });
      },
    )
    .finally(() => running.delete(id));
});

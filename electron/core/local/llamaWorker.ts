/**
 * The inference worker: node-llama-cpp runs here, off the main thread, so loading
 * the native library (~150 ms of blocked event loop when done in-process) and the
 * model never stalls the app. Generation itself runs on llama.cpp's native threads
 * either way; see bench/local.ts for the measured stalls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LlamaRunner } from './LlamaRunner';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort!;
const runner = new LlamaRunner((workerData as { maxThreads: number }).maxThreads);
const running = new Map<number, AbortController>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    running.get(message.id)?.abort();
    return;
  }
  const { id, request } = message;
  const controller = new AbortController();
  running.set(id, controller);
  runner
    .generate(
      request,
      {
        onStarted: (prompt, loadMs) => send({ type: 'started', id, prompt, loadMs }),
        onText: (text, tokens) => send({ type: 'text', id, text, tokens }),
      },
      controller.signal,
    )
    .then(
      (result) => send({ type: 'done', id, stopReason: result.stopReason, tokens: result.tokens }),
      (err: unknown) => send({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => running.delete(id));
});

/**
 * Where node-llama-cpp runs. Under Node (tests, browser mode, `npx spool`): a worker
 * thread, so loading the native library never blocks the event loop. Inside Electron:
 * the main thread. Before loading its prebuilt binary on Linux, node-llama-cpp test-loads
 * it in a child process: from Electron's main thread through `utilityProcess` (needs no
 * fuse), but from a worker thread — where Electron's modules do not exist — through
 * `child_process.fork(process.execPath)`, which only works with the RunAsNode fuse on.
 * Packaged Spool turns that fuse off, so the fork would start a second Spool instead.
 * The price in Electron is one ~150 ms pause of the main thread when the library loads.
 */
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { serveInference } from './inferenceServer';
import { LlamaRunner } from './LlamaRunner';
import type { FromWorker, ToWorker } from './protocol';

export type InferenceHostKind = 'worker-thread' | 'main-thread';

/** Which host the runtime gets; `versions` is process.versions. */
export function chooseInferenceHost(versions: { electron?: string }): InferenceHostKind {
  return versions.electron ? 'main-thread' : 'worker-thread';
}

/** What LocalLlm needs of its host: a Worker has exactly these members. */
export interface InferenceHost {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  once(event: 'exit', listener: (code: number) => void): this;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

/**
 * The inference server on this thread, behind a MessageChannel so LocalLlm talks to it
 * exactly as to a worker (asynchronous, structured-cloned messages). `close` disposes the
 * model and then reports exit 0; nothing ends the process.
 */
export class InProcessHost extends EventEmitter implements InferenceHost {
  private readonly channel = new MessageChannel();
  private exited = false;
  private closing = false;

  constructor(maxThreads: number) {
    super();
    const { port1: ours, port2: theirs } = this.channel;
    ours.on('message', (message: FromWorker) => this.emit('message', message));
    serveInference(
      { on: (event, listener) => theirs.on(event, listener), postMessage: (m) => theirs.postMessage(m) },
      new LlamaRunner(maxThreads),
      (code) => this.finish(code),
    );
  }

  postMessage(message: ToWorker): void {
    if (this.exited || this.closing) return;
    if (message.type === 'close') this.closing = true;
    this.channel.port1.postMessage(message);
  }

  ref(): void {
    this.channel.port1.ref();
    this.channel.port2.ref();
  }

  unref(): void {
    this.channel.port1.unref();
    this.channel.port2.unref();
  }

  /** Like Worker.terminate: the model is disposed (the runner's own close path) before it reports. */
  terminate(): Promise<number> {
    if (this.exited) return Promise.resolve(0);
    const exited = new Promise<number>((resolve) => this.once('exit', resolve));
    this.postMessage({ type: 'close' });
    return exited;
  }

  private finish(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.channel.port1.close();
    this.channel.port2.close();
    this.emit('exit', code);
  }
}

/**
 * The inference worker: node-llama-cpp runs here, off the main thread, so loading
 * the native library (~150 ms of blocked event loop when done in-process) and the
 * model never stalls the app. Generation itself runs on llama.cpp's native threads
 * either way; see bench/local.ts for the measured stalls. (Inside Electron the
 * in-process host is used instead: see inferenceHost.ts.)
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveInference } from './inferenceServer';
import { LlamaRunner } from './LlamaRunner';

serveInference(parentPort!, new LlamaRunner((workerData as { maxThreads: number }).maxThreads), (code) =>
  process.exit(code),
);

/**
 * One kill cycle: start the writer child on the data dir, read what it reports as
 * published, SIGKILL it at a random moment, and wait until it is really gone ('close'
 * comes after 'exit' and after its stdout is drained; before 'exit' the killed child is
 * a zombie whose pid still looks alive to the next owner check).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WRITER = path.join(import.meta.dirname, 'writer.ts');

/** Seqs a durable subscriber in the child received, per stream (lowest..highest runs). */
export type Published = Map<string, Set<number>>;

export interface CycleOutcome {
  instanceId: string;
  published: Published;
  /** Streams the child announced (a stream may also exist that it had no time to announce). */
  announced: string[];
  /** Milliseconds after 'ready' at which SIGKILL was sent. */
  killAfterMs: number;
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
}

export async function runKillCycle(opts: {
  dataDir: string;
  instanceId: string;
  seed: number;
  /** SIGKILL this many ms after the child said it is ready. */
  killAfterMs: number;
  /** Give up on a child that never gets ready (it crashed, or the machine is stuck). */
  readyTimeoutMs?: number;
}): Promise<CycleOutcome> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, opts.dataDir, opts.instanceId, String(opts.seed)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const published: Published = new Map();
  const announced: string[] = [];
  let stderr = '';
  let buffered = '';
  let killTimer: NodeJS.Timeout | null = null;
  const readyTimer = setTimeout(() => child.kill('SIGKILL'), opts.readyTimeoutMs ?? 120_000);

  const onLine = (text: string): void => {
    const [kind, streamId, from, to] = text.split(' ');
    if (kind === 'R') {
      clearTimeout(readyTimer);
      killTimer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
    } else if (kind === 'S') {
      announced.push(streamId!);
    } else if (kind === 'P') {
      let seqs = published.get(streamId!);
      if (!seqs) published.set(streamId!, (seqs = new Set()));
      for (let s = Number(from); s <= Number(to); s++) seqs.add(s);
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (data: string) => {
    buffered += data;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (data: string) => {
    if (stderr.length < 20_000) stderr += data;
  });

  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve({ code: c, signal: s }));
    },
  );
  clearTimeout(readyTimer);
  if (killTimer) clearTimeout(killTimer);
  return {
    instanceId: opts.instanceId,
    published,
    announced,
    killAfterMs: opts.killAfterMs,
    signal,
    exitCode: code,
    stderr,
  };
}

/**
 * One kill cycle: start the writer child on the data dir, read what it reports
 * (tests/torture/report.ts), SIGKILL it at a random moment, and wait until it is really gone ('close'
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
  /**
   * Conversations whose shown branch the child changed, and the message it last
   * committed as shown in each (null: killed between announcing a change and its commit).
   */
  shown: Map<string, string | null>;
  /** Branching operations the child committed, by kind (send, regenerate, edit, …). */
  operations: Map<string, number>;
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
  const shown = new Map<string, string | null>();
  const operations = new Map<string, number>();
  let stderr = '';
  let buffered = '';
  let killTimer: NodeJS.Timeout | null = null;
  const readyTimer = setTimeout(() => child.kill('SIGKILL'), opts.readyTimeoutMs ?? 120_000);

  const onLine = (text: string): void => {
    const [kind, a, b, c] = text.split(' ');
    switch (kind) {
      case 'R':
        clearTimeout(readyTimer);
        killTimer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
        break;
      case 'S':
        announced.push(a!);
        break;
      case 'P': {
        let seqs = published.get(a!);
        if (!seqs) published.set(a!, (seqs = new Set()));
        for (let s = Number(b); s <= Number(c); s++) seqs.add(s);
        break;
      }
      case 'O':
        operations.set(a!, (operations.get(a!) ?? 0) + 1);
        break;
      case 'I':
        shown.set(a!, null);
        break;
      case 'V':
        shown.set(a!, b!);
        break;
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
    shown,
    operations,
    killAfterMs: opts.killAfterMs,
    signal,
    exitCode: code,
    stderr,
  };
}

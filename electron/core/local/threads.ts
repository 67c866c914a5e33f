/**
 * How many CPU threads a local model gets. node-llama-cpp's own default (at least 4)
 * oversubscribes small machines: on a 2-core box the 260K test model ran at ~2 tok/s
 * with it, ~24 tok/s with 2 threads and ~540 tok/s with 1 (bench/results/local.json
 * records the run). So: physical cores minus one — one core stays free for the UI,
 * the chunk log and the OS — and never fewer than one.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Physical cores from /proc/cpuinfo (Linux); elsewhere the logical count, halved when it looks like SMT. */
export function physicalCores(cpuinfo?: string): number {
  const logical =
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  let text = cpuinfo;
  if (text === undefined && process.platform === 'linux') {
    try {
      text = fs.readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      text = undefined;
    }
  }
  if (text) {
    const cores = new Set<string>();
    let physical = '0';
    for (const line of text.split('\n')) {
      const [key, value] = line.split(':').map((s) => s?.trim());
      if (key === 'physical id') physical = value ?? '0';
      if (key === 'core id') cores.add(`${physical}:${value}`);
    }
    if (cores.size > 0) return Math.min(cores.size, logical);
  }
  return Math.max(1, logical >= 4 ? Math.floor(logical / 2) : logical);
}

export function defaultThreads(cores = physicalCores()): number {
  return Math.max(1, cores - 1);
}

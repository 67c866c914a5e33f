import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RESULTS_DIR = path.resolve(import.meta.dirname, '..', 'results');

export interface Target {
  /** Human wording, e.g. "p99 ≤ 5 ms at 10 000 chunks/s". */
  label: string;
  met: boolean;
}

/** Writes bench/results/<name>.json and prints a short table; returns whether all targets were met. */
export function report(name: string, result: Record<string, unknown>, targets: Target[]): boolean {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const body = {
    ...result,
    targets: targets.map((t) => ({ label: t.label, met: t.met })),
    machine: machine(),
    measuredAt: new Date().toISOString(),
  };
  fs.writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  console.log(`\n${name}  →  ${path.relative(process.cwd(), file)}`);
  // Numbers and short strings; long explanations (method) stay in the JSON.
  const rows = Object.entries(result).filter(
    ([, v]) => typeof v === 'number' || (typeof v === 'string' && v.length <= 60),
  );
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${typeof v === 'number' ? fmt(v) : v}`);
  for (const t of targets) console.log(`  ${t.met ? 'MET ' : 'MISS'}  ${t.label}`);
  return targets.every((t) => t.met);
}

function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function machine(): Record<string, unknown> {
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    // Other work on the machine shows in the tails: say how busy it was.
    loadAvg1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * cli: how fast `spool` starts. `spool list` on an existing library (20 conversations,
 * 2 messages each) as a user runs it (`node bin/spool.mjs`, the built JavaScript, already
 * built and compiled from its code cache), against `node -e 0` in the same run,
 * alternating so both share the machine's load; and, for reference, the same command
 * transpiled by tsx as `spool` ran before.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpoolCore } from '../electron/core/SpoolCore';
import { ensureBuilt } from '../bin/build-cli.mjs';
import { importSeed } from './lib/importSeed';
import { quickOr, resultName } from './lib/quick';
import { report } from './lib/results';
import { median, round } from './lib/setup';

const CONVERSATIONS = 20;
const ROUNDS = quickOr(15, 3);
const TSX_ROUNDS = quickOr(5, 1);
const ROOT = path.resolve(import.meta.dirname, '..');

function timed(args: string[]): number {
  const t0 = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${String(run.stderr)}`);
  return ms;
}

export async function run(): Promise<boolean> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-cli-'));
  try {
    const core = SpoolCore.open({ dataDir, mode: 'test', log: () => {} });
    await importSeed(
      core,
      Array.from({ length: CONVERSATIONS }, (_, c) => ({
        title: `Conversation ${c}`,
        messages: (['user', 'assistant'] as const).map((role) => ({ role, text: `${role} ${c}` })),
      })),
    );
    await core.close();
    await ensureBuilt();

    const list = ['bin/spool.mjs', 'list', '--data-dir', dataDir];
    timed(list); // warm the file cache; the first run after a build also writes the code cache
    const node: number[] = [];
    const spool: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      node.push(timed(['-e', '0']));
      spool.push(timed(list));
    }
    const tsx: number[] = [];
    for (let i = 0; i < TSX_ROUNDS; i++)
      tsx.push(timed(['--import', 'tsx', 'electron/cli/main.ts', 'list', '--data-dir', dataDir]));

    const listMs = median(spool);
    const result = {
      listMedianMs: round(listMs, 1),
      nodeMedianMs: round(median(node), 1),
      overNodeMs: round(listMs - median(node), 1),
      tsxListMedianMs: round(median(tsx), 1),
      listSamplesMs: spool.map((t) => round(t, 1)),
      nodeSamplesMs: node.map((t) => round(t, 1)),
      tsxSamplesMs: tsx.map((t) => round(t, 1)),
      method:
        `wall time of a child process, spawnSync from the bench: \`node bin/spool.mjs list --data-dir D\` ` +
        `(built out/cli/main.cjs, fresh; the warm-up run leaves its V8 code cache, as any first run does) ` +
        `on a library of ${CONVERSATIONS} conversations (2 messages each, seeded by importing a Spool export), alternating with \`node -e 0\`, ` +
        `${ROUNDS} each after one warm-up run; tsxList = \`node --import tsx electron/cli/main.ts list\`, ` +
        `how spool ran before it was built (${TSX_ROUNDS} runs).`,
    };
    return report(resultName('cli'), result, [{ label: 'spool list median ≤ 300 ms', met: listMs <= 300 }]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

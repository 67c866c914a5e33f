/**
 * `npm run torture -- --kills N [--seed S] [--dir PATH] [--quiet]`: the crash test at
 * scale, branching operations included (tests/torture/README.md). Prints ONE JSON
 * summary line and exits 1 if anything was lost or broken. Progress goes to stderr so
 * stdout stays machine-readable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomSeed } from '../tests/torture/random';
import { failed, runTorture } from '../tests/torture/torture';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    seed: { type: 'string' },
    dir: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1)
  throw new Error(`--kills must be a positive integer, got ${values.kills}`);
const seed = values.seed === undefined ? randomSeed() : Number(values.seed);
const keep = values.dir !== undefined;
const dataDir = values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spool-torture-'));

const summary = await runTorture({
  dataDir,
  kills,
  seed,
  onCycle: (cycle, check) => {
    if (values.quiet) return;
    const bad = check.problems.length ? `  ${check.problems.length} problem(s)` : '';
    process.stderr.write(
      `kill ${cycle + 1}/${kills}: checked ${check.messages} version(s), ${check.streams} stream(s), ${check.chunks} chunk(s)${bad}\n`,
    );
  },
});
const dbBytes = fs.statSync(path.join(dataDir, 'spool.db')).size;
if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
const { problems, ...numbers } = summary;
console.log(
  JSON.stringify({ ...numbers, dbMiB: Math.round(dbBytes / 2 ** 20), problems: problems.slice(0, 10) }),
);
process.exit(failed(summary) ? 1 : 0);

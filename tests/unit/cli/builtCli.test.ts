/**
 * `spool` runs from built JavaScript: a fresh clone builds it on the first run (several
 * first runs at once included), later runs reuse it, and a changed source rebuilds it.
 * It compiles from V8's code cache, one per build, which a bad cache file cannot break.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../local/model';

const OUT = path.join('out', `.test-cli-${process.pid}`);
afterAll(() => fs.rmSync(path.join(REPO_ROOT, OUT), { recursive: true, force: true }));

function spoolVersion(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/spool.mjs', '--version'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SPOOL_CLI_OUT: OUT },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('builds the CLI on the first run, even when three first runs start at once, and then reuses it', async () => {
  const runs = await Promise.all([spoolVersion(), spoolVersion(), spoolVersion()]);
  for (const run of runs) {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^spool \d+\.\d+\.\d+\n$/);
  }
  const built = path.join(REPO_ROOT, OUT, 'main.cjs');
  const stamp = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, OUT, 'inputs.json'), 'utf8')) as {
    inputs: Record<string, number>;
  };
  expect(Object.keys(stamp.inputs)).toContain('electron/cli/main.ts');
  expect(Object.keys(stamp.inputs).some((f) => f.startsWith('node_modules/'))).toBe(false);
  for (const worker of ['ggufHeaderWorker.js', 'llamaWorker.js', 'checkpointWorker.js'])
    expect(fs.existsSync(path.join(REPO_ROOT, OUT, worker))).toBe(true);

  const before = fs.statSync(built).mtimeMs;
  expect((await spoolVersion()).code).toBe(0);
  expect(fs.statSync(built).mtimeMs).toBe(before);
});

it('rebuilds when a source it was built from is newer than the build', async () => {
  expect((await spoolVersion()).code).toBe(0);
  const stampFile = path.join(REPO_ROOT, OUT, 'inputs.json');
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { inputs: Record<string, number> };
  // As if electron/cli/run.ts had been edited since: its recorded mtime no longer matches.
  stamp.inputs['electron/cli/run.ts'] = 1;
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  expect((await spoolVersion()).code).toBe(0);
  const rebuilt = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { inputs: Record<string, number> };
  expect(rebuilt.inputs['electron/cli/run.ts']).not.toBe(1);
});

const caches = () =>
  fs.readdirSync(path.join(REPO_ROOT, OUT)).filter((f) => /^main\.[0-9a-f]+\.cache$/.test(f));

it('leaves a code cache named after its build, and a rebuild drops the old one', async () => {
  expect((await spoolVersion()).code).toBe(0);
  expect((await spoolVersion()).code).toBe(0);
  const [cache] = caches();
  expect(caches()).toHaveLength(1);
  // As if an earlier build had left its cache.
  fs.writeFileSync(path.join(REPO_ROOT, OUT, 'main.0123456789abcdef.cache'), 'old');
  const stampFile = path.join(REPO_ROOT, OUT, 'inputs.json');
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { inputs: Record<string, number> };
  stamp.inputs['electron/cli/run.ts'] = 1;
  fs.writeFileSync(stampFile, JSON.stringify(stamp));
  expect((await spoolVersion()).code).toBe(0);
  // The same sources build the same bundle: a cache of the same name again, and only one.
  expect(caches()).toEqual([cache]);
});

it('runs as usual from a cache file that is garbage, and replaces it', async () => {
  expect((await spoolVersion()).code).toBe(0);
  const file = path.join(REPO_ROOT, OUT, caches()[0]!);
  fs.writeFileSync(file, Buffer.alloc(4096, 7));
  const run = await spoolVersion();
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^spool \d+\.\d+\.\d+\n$/);
  expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
});

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from '@playwright/test';
import { CONTRACT_CHECK_ENV } from '../../electron/core/api/contractCheckFromEnv';
import { findElectronBinary } from './electronBinary';
import { SpoolPage } from './pages';
import { needsNoSandbox, sandboxFacts } from './sandbox';

/** Launching the built app (out/main) the way a user would, for the app-behaviour specs. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** --no-sandbox only where Chromium's sandbox cannot start (sandbox.ts says when). */
const sandboxArgs = () => (needsNoSandbox(sandboxFacts(electronPath())) ? ['--no-sandbox'] : []);

function electronPath(): string {
  const electron = findElectronBinary();
  if (!electron.found) throw new Error(electron.reason);
  return electron.path;
}

let contractLog: string | null = null;

/**
 * Set by the specs' `test` (test.ts) around each test: the file every app launched in it
 * writes each reply and event outside its schema to (SPOOL_CONTRACT_CHECK); null, none.
 */
export function checkContractsInto(file: string | null): void {
  contractLog = file;
}

function cleanEnv(): Record<string, string> {
  const env = { ...process.env } as Record<string, string>;
  delete env.ELECTRON_RENDERER_URL; // the built renderer, never a dev server
  delete env.ELECTRON_RUN_AS_NODE;
  delete env[CONTRACT_CHECK_ENV];
  if (contractLog) env[CONTRACT_CHECK_ENV] = contractLog;
  return env;
}

export async function launchSpool(dataDir: string): Promise<{ app: ElectronApplication; spool: SpoolPage }> {
  const app = await _electron.launch({
    executablePath: electronPath(),
    args: [...sandboxArgs(), repoRoot, '--data-dir', dataDir],
    cwd: repoRoot,
    env: cleanEnv(),
  });
  const spool = new SpoolPage(await app.firstWindow());
  await spool.waitUntilLoaded();
  return { app, spool };
}

/** Runs the app binary as a plain child process (a second launch, or the CLI) until it exits. */
export function runApp(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(electronPath(), [...sandboxArgs(), repoRoot, ...args], {
      cwd: repoRoot,
      env: cleanEnv(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

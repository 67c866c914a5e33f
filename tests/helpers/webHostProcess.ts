import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, so the host runs the same way `npm run web` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WebHostChild {
  child: ChildProcess;
  /** Everything it wrote to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its first stdout line (the URL line) once complete; rejects if it exits before. */
  firstLine(): Promise<string>;
}

/**
 * `node --import tsx electron/web/main.ts <args>` as a real child process: what the web
 * host's process tests and the end-to-end fixtures both start. Free of any test runner.
 */
export function spawnWebHost(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onStderr?: (text: string) => void } = {},
): WebHostChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let out = '';
  let err = '';
  const lineWaiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of lineWaiters.splice(0)) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    options.onStderr?.(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const w of lineWaiters.splice(0)) w();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    firstLine: async () => {
      while (!out.includes('\n')) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(
            `The Spool host exited (${child.exitCode ?? child.signalCode}) before printing:\n${err}`,
          );
        await new Promise<void>((resolve) => lineWaiters.push(resolve));
      }
      return out.split('\n')[0]!;
    },
  };
}

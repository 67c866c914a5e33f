import { pathToFileURL } from 'node:url';
import { EXIT } from './exit';
import { runCli } from './run';

/**
 * Entry of the `spool` command (bin/spool.mjs loads it). SIGINT / SIGTERM abort the
 * running command, which stops its work cleanly (a reply is stopped, the database
 * closed) and exits 130 / 143; a second signal exits at once.
 */
export async function main(argv: string[]): Promise<void> {
  const controller = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
    signalled = signal;
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed stdout (`spool … | head`) is not an error of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });

  let code: number = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
  });
  if (signalled && code === EXIT.ok) code = signalled === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  // Let what was written reach the OS before leaving.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) void main(process.argv.slice(2));

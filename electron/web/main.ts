import { pathToFileURL } from 'node:url';
import { EXIT, runWebHost } from './runWebHost';

/**
 * Entry point of `npm run web`: runs the host and turns SIGTERM/SIGINT into a
 * clean shutdown (sockets closed, database closed, exit 0).
 */
export { runWebHost } from './runWebHost';

async function main(): Promise<void> {
  const run = await runWebHost(process.argv.slice(2));
  if (!run.running) {
    process.exitCode = run.exitCode;
    return;
  }
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) {
      process.stderr.write(`spool web: ${signal} again; exiting without waiting.\n`);
      process.exit(EXIT.failed);
    }
    signalled = true;
    run.stop().then(
      () => process.exit(EXIT.ok),
      (err: unknown) => {
        process.stderr.write(`spool web: shutdown failed: ${String(err)}\n`);
        process.exit(EXIT.failed);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) void main();

import { pathToFileURL } from 'node:url';
import { EXIT } from '../../shared/exitCodes';
import { runWebHost } from './runWebHost';

/**
 * Entry point of `npm run web`: runs the host and turns SIGTERM/SIGINT into a
 * clean shutdown (sockets closed, database closed, exit 0).
 */
export { runWebHost } from './runWebHost';

const SHUTDOWN_LIMIT_MS = 10_000;

async function main(): Promise<void> {
  // Handlers go in before the URL line is printed: whoever reads that line may
  // signal at once, and a signal must never find the default (abrupt) handler.
  const starting = runWebHost(process.argv.slice(2));
  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // Ctrl-C reaches every process in the group and wrappers (npm, scripts/web.mjs)
    // forward it too, so a repeat is expected and must not cut the clean shutdown short.
    if (signalled) return;
    signalled = true;
    setTimeout(() => {
      process.stderr.write(
        `spool web: shutdown after ${signal} took over ${SHUTDOWN_LIMIT_MS} ms; exiting.\n`,
      );
      process.exit(EXIT.failed);
    }, SHUTDOWN_LIMIT_MS).unref();
    starting
      .then((run) => (run.running ? run.stop().then(() => EXIT.ok) : run.exitCode))
      .then(
        (code) => process.exit(code),
        (err: unknown) => {
          process.stderr.write(`spool web: shutdown failed: ${String(err)}\n`);
          process.exit(EXIT.failed);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  const run = await starting;
  if (!run.running) {
    process.exitCode = run.exitCode;
    process.off('SIGTERM', shutdown);
    process.off('SIGINT', shutdown);
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) void main();

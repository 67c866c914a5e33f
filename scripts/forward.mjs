// Runs a child that owns something to close (the host and its database) so that
// it always gets the chance to: SIGINT/SIGTERM are forwarded to it, our exit code
// is its exit code, and if our own parent dies without passing a signal on (npm
// runs scripts through `sh -c`, and sh dies on SIGTERM without forwarding it), the
// child is sent SIGTERM instead of being left running as an orphan.
import { spawn } from 'node:child_process';

const PARENT_CHECK_MS = 500;

/** @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} options */
export function runForwardingSignals(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) child.kill('SIGTERM');
  }, PARENT_CHECK_MS);
  watch.unref();
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    process.exit(code ?? (signal ? 1 : 0));
  });
  return child;
}

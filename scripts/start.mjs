// `npm start`: the desktop app through electron-vite, or browser mode where
// Electron's binary is not installed (a server, a container, CI), so the
// command always starts Spool.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);
const electron = findElectronBinary();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const [command, commandArgs] = electron.found
  ? [npm, ['exec', '--', 'electron-vite', 'dev', ...(args.length ? ['--', ...args] : [])]]
  : [process.execPath, [fileURLToPath(new URL('./web.mjs', import.meta.url)), ...args]];

if (!electron.found) {
  process.stderr.write(
    `Electron's binary is not installed here (${electron.reason}); starting browser mode instead.\n`,
  );
}

const child = spawn(command, commandArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});

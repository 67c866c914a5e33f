// `npm start`: the desktop app through electron-vite, or browser mode where
// Electron's binary is not installed (a server, a container, CI), so the
// command always starts Spool.
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';
import { runForwardingSignals } from './forward.mjs';

const args = process.argv.slice(2);
const electron = findElectronBinary();

if (electron.found) {
  const electronVite = fileURLToPath(
    new URL('../node_modules/electron-vite/bin/electron-vite.js', import.meta.url),
  );
  runForwardingSignals(process.execPath, [electronVite, 'dev', ...(args.length ? ['--', ...args] : [])]);
} else {
  process.stderr.write(
    `Electron's binary is not installed here (${electron.reason}); starting browser mode instead.\n`,
  );
  runForwardingSignals(process.execPath, [fileURLToPath(new URL('./web.mjs', import.meta.url)), ...args]);
}

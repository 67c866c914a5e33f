// `npm run web -- [flags]`: builds the renderer, then runs browser mode.
//
// The build's output goes to stderr, because stdout carries exactly one line:
// the URL. The host runs through runForwardingSignals so that stopping npm also
// stops the host cleanly (database closed) instead of orphaning it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runForwardingSignals } from './forward.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

const build = spawnSync(
  process.execPath,
  [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
  { cwd: root, stdio: ['ignore', process.stderr, process.stderr] },
);
if (build.status !== 0) {
  process.stderr.write('spool web: building the renderer failed (see above).\n');
  process.exit(build.status ?? 1);
}

runForwardingSignals(
  process.execPath,
  ['--import', 'tsx', 'electron/web/main.ts', ...process.argv.slice(2)],
  {
    cwd: root,
  },
);

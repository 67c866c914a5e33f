// `npm run web -- [flags]`: builds the renderer, then runs browser mode.
//
// A script rather than `build && tsx …` in package.json so that signals reach the
// host: a shell between npm and the host would die on SIGTERM and leave the host
// running with its database open; here SIGINT/SIGTERM are forwarded and the
// host's exit code is ours. The build's output goes to stderr, because stdout
// carries exactly one line: the URL.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const host = spawn(process.execPath, ['--import', 'tsx', 'electron/web/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

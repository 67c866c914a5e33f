// `npm run test:electron`: the Electron specs (tests/electron), runnable on CI.
//
// Builds the app (electron-vite build) only where Electron's binary is there; without
// it Playwright still runs, and every spec skips with the global setup's one line.
// On Linux without a display (a CI runner) the specs run under `xvfb-run -a`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/**
 * How to wrap Playwright: directly, under xvfb-run, or not at all (no display possible).
 * @param {{ platform: NodeJS.Platform, env: Record<string, string | undefined>, binaryFound: boolean, hasXvfbRun: boolean }} facts
 * @returns {{ wrap: 'none' } | { wrap: 'xvfb-run' } | { wrap: 'fail', why: string }}
 */
export function displayPlan({ platform, env, binaryFound, hasXvfbRun }) {
  if (!binaryFound || platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) return { wrap: 'none' };
  if (hasXvfbRun) return { wrap: 'xvfb-run' };
  return {
    wrap: 'fail',
    why: 'no display (DISPLAY is unset) and no xvfb-run: install xvfb (apt-get install xvfb) or run under a display',
  };
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status ?? 1;
}

function main() {
  const binaryFound = findElectronBinary().found;
  const plan = displayPlan({
    platform: process.platform,
    env: process.env,
    binaryFound,
    hasXvfbRun: spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined,
  });
  if (plan.wrap === 'fail') {
    console.error(`test:electron: ${plan.why}.`);
    return 1;
  }
  if (binaryFound) {
    const built = run(bin('electron-vite'), ['build', '--logLevel', 'error']);
    if (built !== 0) return built;
  }
  const playwright = [
    bin('playwright'),
    'test',
    '--config',
    'tests/electron/playwright.config.ts',
    ...process.argv.slice(2),
  ];
  return plan.wrap === 'xvfb-run'
    ? run('xvfb-run', ['-a', ...playwright])
    : run(playwright[0], playwright.slice(1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}

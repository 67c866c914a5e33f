// `postinstall` (and step 2 of `npm run dist`): better-sqlite3 for both runtimes.
//
// Node (tests, browser mode, `npx spool`) and Electron (the desktop app) need
// better-sqlite3 compiled for different ABIs, and `electron-builder
// install-app-deps` overwrites the Node build in place. So the two builds live
// side by side where better-sqlite3's loader (the `bindings` package) looks them up
// by ABI — lib/binding/node-v<ABI>-<platform>-<arch>/better_sqlite3.node — and
// build/Release is emptied, so each runtime loads its own. The packaged app ships
// both (npmRebuild is off in electron-builder.yml) and loads the Electron one.
//
// Inside Electron the core loads the Electron build by its explicit path
// (electron/core/db/nativeBinding.ts), so a Node build back in build/Release can
// never be picked up by Electron by mistake.
//
// Skipped, with one line, where Electron's binary is absent (CI, servers, this
// kind of container, `npm ci --omit=dev` without electron at all): nothing there
// runs Electron, and `npm ci` stays fast. Electron 45 fetches its binary lazily,
// so on a fresh install this always skips; `npm start` (scripts/start.mjs) runs it
// again with `--for-start` once the binary is there. `--for-dist` always builds the
// Electron copy, since the installers need it. Both of those exit 1 on failure;
// plain postinstall never fails `npm install`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const ADDON = 'better_sqlite3.node';

/** Where `bindings` finds the build for one ABI. */
export function abiBindingPath(moduleDir, abi, platform = process.platform, arch = process.arch) {
  return path.join(moduleDir, 'lib', 'binding', `node-v${abi}-${platform}-${arch}`, ADDON);
}

/**
 * What to do, from what exists. Pure, so a test states the rules.
 * @param {{ electronBinaryFound: boolean, forDist: boolean, releaseBuild: boolean,
 *   nodeBuild: boolean, electronBuild: boolean }} state
 * @returns {{ skip: true } | { skip: false, steps: ('keep-node-build' | 'build-for-electron' | 'empty-release')[] }}
 */
export function planNativeBuilds(state) {
  if (!state.electronBinaryFound && !state.forDist) return { skip: true };
  const steps = [];
  // The build npm made is the Node one, unless a previous run already moved it aside.
  if (state.releaseBuild && !state.nodeBuild) steps.push('keep-node-build');
  if (!state.electronBuild) steps.push('build-for-electron');
  steps.push('empty-release');
  return { skip: false, steps };
}

/** Electron's NODE_MODULE_VERSION, from the installed electron package (no binary needed). */
export function electronAbi() {
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  const recorded = path.join(electronDir, 'abi_version');
  if (fs.existsSync(recorded)) return fs.readFileSync(recorded, 'utf8').trim();
  const { version } = require('electron/package.json');
  return require('node-abi').getAbi(version, 'electron');
}

function main() {
  const forDist = process.argv.includes('--for-dist');
  const forStart = process.argv.includes('--for-start');
  // Decided before resolving electron or electron-builder: `npm ci --omit=dev` has neither.
  const electron = findElectronBinary();
  if (!electron.found && !forDist) {
    console.log(
      `postinstall: skipping electron-builder install-app-deps: Electron's binary is not installed (${electron.reason}); better-sqlite3 stays built for Node.`,
    );
    return forStart ? 1 : 0;
  }
  const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const release = path.join(moduleDir, 'build', 'Release', ADDON);
  const nodeBuild = abiBindingPath(moduleDir, process.versions.modules);
  const electronBuild = abiBindingPath(moduleDir, electronAbi());

  const plan = planNativeBuilds({
    electronBinaryFound: electron.found,
    forDist,
    releaseBuild: fs.existsSync(release),
    nodeBuild: fs.existsSync(nodeBuild),
    electronBuild: fs.existsSync(electronBuild),
  });
  if (plan.skip) return 0;
  for (const step of plan.steps) {
    if (step === 'keep-node-build') {
      fs.mkdirSync(path.dirname(nodeBuild), { recursive: true });
      fs.copyFileSync(release, nodeBuild);
    } else if (step === 'build-for-electron') {
      console.log('postinstall: building better-sqlite3 for Electron (electron-builder install-app-deps)…');
      // @electron/rebuild skips a module whose build/Release/.forge-meta names this ABI; the
      // addon it would have left there was moved aside last time, so the marker must go.
      fs.rmSync(path.join(path.dirname(release), '.forge-meta'), { force: true });
      const builder = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
      const run = spawnSync(process.execPath, [builder, 'install-app-deps'], { stdio: 'inherit' });
      if (run.status !== 0 || !fs.existsSync(release)) {
        fs.rmSync(release, { force: true });
        console.error(
          'postinstall: building better-sqlite3 for Electron failed (see above). Node use is unaffected; ' +
            'the desktop app will not start until `node scripts/postinstall.mjs --for-start` succeeds.',
        );
        return forDist || forStart ? 1 : 0;
      }
      fs.mkdirSync(path.dirname(electronBuild), { recursive: true });
      fs.renameSync(release, electronBuild);
    } else {
      fs.rmSync(release, { force: true });
    }
  }
  // `npm start` says nothing when both builds were already there.
  if (!forStart || plan.steps.includes('build-for-electron'))
    console.log(`postinstall: better-sqlite3 ready for Node (${nodeBuild}) and Electron (${electronBuild}).`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}

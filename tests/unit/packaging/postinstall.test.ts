import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { abiBindingPath, electronAbi, planNativeBuilds } from '../../../scripts/postinstall.mjs';
import { assertNativeBindingExists, sqliteNativeBinding } from '../../../electron/core/db/nativeBinding';
import { makeTempDir } from '../../helpers/tempDir';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fresh = { releaseBuild: true, nodeBuild: false, electronBuild: false };

describe('postinstall: better-sqlite3 for Node and for Electron', () => {
  it('is skipped where Electron’s binary is absent (CI, servers)', () => {
    expect(planNativeBuilds({ ...fresh, electronBinaryFound: false, forDist: false })).toEqual({
      skip: true,
    });
  });

  it('keeps the Node build, builds the Electron one beside it, and empties build/Release', () => {
    expect(planNativeBuilds({ ...fresh, electronBinaryFound: true, forDist: false })).toEqual({
      skip: false,
      steps: ['keep-node-build', 'build-for-electron', 'empty-release'],
    });
  });

  it('always builds the Electron copy for `npm run dist`, binary or not', () => {
    const plan = planNativeBuilds({ ...fresh, electronBinaryFound: false, forDist: true });
    expect(plan).toMatchObject({ skip: false, steps: expect.arrayContaining(['build-for-electron']) });
  });

  it('rebuilds nothing when both builds are already in place', () => {
    expect(
      planNativeBuilds({
        electronBinaryFound: true,
        forDist: true,
        releaseBuild: false,
        nodeBuild: true,
        electronBuild: true,
      }),
    ).toEqual({ skip: false, steps: ['empty-release'] });
  });

  it('puts each build where the bindings loader looks it up by ABI', () => {
    expect(abiBindingPath('/m', '150', 'linux', 'x64')).toBe(
      path.join('/m', 'lib', 'binding', 'node-v150-linux-x64', 'better_sqlite3.node'),
    );
  });

  it.skipIf(findElectronBinary().found)(
    'as `npm ci` runs it here: exits 0 with one line and changes nothing',
    () => {
      const run = spawnSync(process.execPath, ['scripts/postinstall.mjs'], { cwd: root, encoding: 'utf8' });
      expect(run.status).toBe(0);
      expect(run.stdout.trim().split('\n')).toHaveLength(1);
      expect(run.stdout).toContain(
        "skipping electron-builder install-app-deps: Electron's binary is not installed",
      );
    },
  );
});

describe('postinstall without devDependencies (`npm ci --omit=dev`)', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A project with the two scripts and no electron, electron-builder or better-sqlite3 at all. */
  function bareProject(): string {
    const dir = makeTempDir('spool-omit-dev-').dir;
    made.push(dir);
    fs.mkdirSync(path.join(dir, 'scripts'));
    for (const file of ['postinstall.mjs', 'electron-binary.mjs'])
      fs.copyFileSync(path.join(root, 'scripts', file), path.join(dir, 'scripts', file));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    return dir;
  }

  it('exits 0 with one line, before resolving anything Electron', () => {
    const dir = bareProject();
    const run = spawnSync(process.execPath, ['scripts/postinstall.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      "postinstall: skipping electron-builder install-app-deps: Electron's binary is not installed (the electron package is not installed); better-sqlite3 stays built for Node.",
    ]);
  });

  it('exits 1 for `npm start` (--for-start), which then starts browser mode', () => {
    const dir = bareProject();
    const run = spawnSync(process.execPath, ['scripts/postinstall.mjs', '--for-start'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
  });
});

describe('which better-sqlite3 build each runtime loads', () => {
  const moduleDir = path.join(root, 'node_modules', 'better-sqlite3');
  const runtime = { platform: 'linux', arch: 'x64' };

  it('Node: none named, so better-sqlite3 finds the Node build itself', () => {
    expect(sqliteNativeBinding({ ...runtime, modules: '115' }, moduleDir)).toBeUndefined();
  });

  it('Electron: exactly the file postinstall builds for Electron’s ABI', () => {
    const abi = electronAbi();
    expect(abi).toBe(
      fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim(),
    );
    expect(sqliteNativeBinding({ ...runtime, electron: '45.4.1', modules: abi }, moduleDir)).toBe(
      abiBindingPath(moduleDir, abi, 'linux', 'x64'),
    );
  });

  it('the packaged app: the unpacked copy beside app.asar, never a path inside the archive', () => {
    const packed = '/opt/Spool/resources/app.asar/node_modules/better-sqlite3';
    expect(sqliteNativeBinding({ ...runtime, electron: '45.4.1', modules: '150' }, packed)).toBe(
      path.join(
        '/opt/Spool/resources/app.asar.unpacked/node_modules/better-sqlite3',
        'lib',
        'binding',
        'node-v150-linux-x64',
        'better_sqlite3.node',
      ),
    );
  });

  it('a missing Electron build is refused saying how to make it; under Node nothing is checked', () => {
    const file = abiBindingPath(moduleDir, '150', 'linux', 'x64');
    expect(() => assertNativeBindingExists(file, () => false)).toThrow(
      /better-sqlite3 is not built for this Electron .*`npm start`/,
    );
    expect(() => assertNativeBindingExists(file, () => true)).not.toThrow();
    expect(() => assertNativeBindingExists(undefined, () => false)).not.toThrow();
  });

  it('better-sqlite3 is the only production dependency that compiles for an ABI (node-llama-cpp ships N-API builds)', () => {
    const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    const compiled = dirs.filter((dir) => fs.existsSync(path.join(dir, 'binding.gyp')));
    expect(compiled.map((dir) => path.basename(dir))).toEqual(['better-sqlite3']);
  }, 60_000);
});

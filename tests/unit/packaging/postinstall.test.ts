import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { abiBindingPath, planNativeBuilds } from '../../../scripts/postinstall.mjs';

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

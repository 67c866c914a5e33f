import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgs, packagedExecutable } from '../../../scripts/smoke-packaged.mjs';
import { builderConfig } from './builderInternals';

/** The packaged smoke test finds the app where electron-builder leaves it. */
const require = createRequire(import.meta.url);
const { getArchSuffix, Arch } = require('builder-util') as {
  getArchSuffix: (arch: number, defaultArch?: string) => string;
  Arch: Record<string, number>;
};
const release = '/repo/release';
const unpackedDir = (os: string, arch: string) =>
  path.join(release, `${os}${getArchSuffix(Arch[arch]!)}${os === 'mac' ? '' : '-unpacked'}`);

describe('packagedExecutable', () => {
  it('is the Linux executable electron-builder.yml names, in linux-unpacked', () => {
    const linux = builderConfig.linux as { executableName: string };
    expect(packagedExecutable(release, 'linux', 'x64')).toBe(
      path.join(unpackedDir('linux', 'x64'), linux.executableName),
    );
    expect(packagedExecutable(release, 'linux', 'arm64')).toBe(
      path.join(unpackedDir('linux', 'arm64'), 'spool-desktop'),
    );
  });

  it('is Spool.app’s binary on macOS, in mac or mac-arm64', () => {
    expect(packagedExecutable(release, 'darwin', 'arm64')).toBe(
      path.join(unpackedDir('mac', 'arm64'), 'Spool.app', 'Contents', 'MacOS', 'Spool'),
    );
    expect(packagedExecutable(release, 'darwin', 'x64')).toBe(
      path.join(unpackedDir('mac', 'x64'), 'Spool.app', 'Contents', 'MacOS', 'Spool'),
    );
  });

  it('is Spool.exe in win-unpacked on Windows', () => {
    expect(packagedExecutable(release, 'win32', 'x64')).toBe(
      path.join(unpackedDir('win', 'x64'), 'Spool.exe'),
    );
  });
});

describe('the smoke run’s command line', () => {
  it('runs headless on Linux, as the installed `spool` launcher does', () => {
    expect(cliArgs('linux', ['list'])).toEqual([
      '--ozone-platform=headless',
      '--disable-gpu',
      '--cli',
      'list',
    ]);
    expect(cliArgs('darwin', ['list'])).toEqual(['--cli', 'list']);
  });
});

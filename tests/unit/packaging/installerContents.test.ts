import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { llamaGpu } from '../../../electron/core/local/LlamaRunner';
import {
  builderConfig,
  debMetadata,
  packageJson,
  ROOT,
  shipsNodeModuleFile,
  type BuilderOs,
} from './builderInternals';

/**
 * What goes into each installer and what electron-builder requires of the project,
 * decided by electron-builder's own file matcher and deb target code.
 */
const LLAMA = 'node_modules/@node-llama-cpp';
const binaryOf = (pkg: string) => `${LLAMA}/${pkg}/bins/${pkg}/llama-addon.node`;
const ALL_LLAMA_PACKAGES = Object.keys(
  (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/node-llama-cpp/package.json'), 'utf8')) as {
      optionalDependencies: Record<string, string>;
    }
  ).optionalDependencies,
).map((name) => name.replace('@node-llama-cpp/', ''));

const shipped = (os: BuilderOs, arch: string) =>
  ALL_LLAMA_PACKAGES.filter((pkg) => shipsNodeModuleFile(binaryOf(pkg), os, arch));

describe('node-llama-cpp binaries in the installers', () => {
  it('knows every prebuilt package node-llama-cpp can install', () => {
    expect(ALL_LLAMA_PACKAGES).toEqual(
      expect.arrayContaining([
        'linux-x64',
        'linux-x64-cuda',
        'linux-x64-vulkan',
        'mac-arm64-metal',
        'win-x64',
      ]),
    );
  });

  it('ship only the CPU build for Linux x64 (no CUDA, no Vulkan, no other CPU)', () => {
    expect(shipped('linux', 'x64')).toEqual(['linux-x64']);
  });

  it('ship only the arm64 build for Linux arm64', () => {
    expect(shipped('linux', 'arm64')).toEqual(['linux-arm64']);
  });

  it('ship only the Apple Silicon (Metal) build in the arm64 dmg, and the Intel one in the x64 dmg', () => {
    expect(shipped('mac', 'arm64')).toEqual(['mac-arm64-metal']);
    expect(shipped('mac', 'x64')).toEqual(['mac-x64']);
  });

  it('ship only the CPU build for Windows x64', () => {
    expect(shipped('win', 'x64')).toEqual(['win-x64']);
  });

  it('still ship node-llama-cpp itself, better-sqlite3 with its Electron build, and their package.json files', () => {
    for (const file of [
      'node_modules/node-llama-cpp/dist/index.js',
      'node_modules/better-sqlite3/lib/index.js',
      // The Electron build scripts/postinstall.mjs --for-dist puts there (electron/core/db/nativeBinding.ts).
      'node_modules/better-sqlite3/lib/binding/node-v150-linux-x64/better_sqlite3.node',
      `${LLAMA}/linux-x64/package.json`,
    ])
      expect(shipsNodeModuleFile(file, 'linux', 'x64'), file).toBe(true);
  });

  it('unpack every native addon from the asar archive', () => {
    expect(builderConfig.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**',
        'node_modules/node-llama-cpp/**',
        'node_modules/@node-llama-cpp/**',
      ]),
    );
  });
});

describe('the node-llama-cpp binary Spool asks for at run time', () => {
  // node-llama-cpp's own mapping (compileLLamaCpp.js): gpu 'metal' on mac arm64 is the
  // mac-arm64-metal package; gpu false is <os>-<arch>.
  const packageFor = (os: BuilderOs, platform: string, arch: string) =>
    `${os}-${arch}${llamaGpu(platform, arch) === 'metal' ? '-metal' : ''}`;

  it('is the CPU build, except Metal on Apple Silicon, whose only prebuilt it is', () => {
    expect(llamaGpu('linux', 'x64')).toBe(false);
    expect(llamaGpu('win32', 'x64')).toBe(false);
    expect(llamaGpu('darwin', 'x64')).toBe(false);
    expect(llamaGpu('darwin', 'arm64')).toBe('metal');
  });

  it('is exactly the package each installer ships', () => {
    for (const [os, platform, arch] of [
      ['linux', 'linux', 'x64'],
      ['linux', 'linux', 'arm64'],
      ['mac', 'darwin', 'arm64'],
      ['mac', 'darwin', 'x64'],
      ['win', 'win32', 'x64'],
    ] as const)
      expect(shipped(os, arch), `${os} ${arch}`).toEqual([packageFor(os, platform, arch)]);
  });
});

describe('the deb package', () => {
  it('gets its maintainer (with email) and homepage from package.json', async () => {
    expect(await debMetadata(packageJson)).toMatchObject({
      name: 'spool',
      maintainer: 'The Spool authors <hello@spool.dev>',
      url: 'https://spool.dev',
    });
  });

  it('would fail the build without an author email or a homepage (what electron-builder checks)', async () => {
    const { homepage: _homepage, author: _author, ...bare } = packageJson;
    await expect(debMetadata(bare)).rejects.toThrow(/homepage[\s\S]*author 'email'/);
  });
});

describe('the macOS build', () => {
  it('re-signs ad hoc after flipping the fuses, so an unsigned build launches on Apple Silicon', () => {
    expect(builderConfig.electronFuses).toMatchObject({ resetAdHocDarwinSignature: true });
  });
});

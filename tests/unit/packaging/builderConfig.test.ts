import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml against electron-builder's own JSON schema (shipped in
 * app-builder-lib), and the settings the issue requires. js-yaml and ajv are the
 * ones electron-builder itself depends on.
 */
const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = loadYaml(fs.readFileSync(`${root}electron-builder.yml`, 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const section = (name: string) => config[name] as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's JSON schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be caught by the schema if it named an option electron-builder does not have', () => {
    expect(validate({ ...config, asarr: true })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
  });

  it('names the app Spool with a reverse-DNS app id', () => {
    expect(config.productName).toBe('Spool');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, NSIS on Windows', () => {
    expect(section('linux').target).toEqual(['AppImage', 'deb']);
    expect(section('mac').target).toEqual(['dmg']);
    expect(section('win').target).toEqual(['nsis']);
  });

  it('sets exactly the fuses the security baseline requires, and re-signs ad hoc on macOS', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      grantFileProtocolExtraPrivileges: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      resetAdHocDarwinSignature: true,
    });
  });

  it('packs the app into asar with the native addons unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**',
        'node_modules/node-llama-cpp/**',
        'node_modules/@node-llama-cpp/**',
      ]),
    );
  });

  it('does not rebuild native modules in place (the Node build must survive `npm run dist`)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('ships the spool command-line launchers as extra resources', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/cli', to: 'cli', filter: ['spool', 'spool.cmd'] },
    ]);
    for (const launcher of ['spool', 'spool.cmd'])
      expect(fs.existsSync(`${root}resources/cli/${launcher}`)).toBe(true);
    expect(fs.statSync(`${root}resources/cli/spool`).mode & 0o111).not.toBe(0);
  });

  it('points every platform at an icon file that exists', () => {
    for (const platform of ['linux', 'mac', 'win']) {
      const icon = section(platform).icon as string;
      expect(fs.existsSync(`${root}${icon}`), `${platform}: ${icon}`).toBe(true);
    }
  });

  it('packages the build output and package.json, and the `dist` script builds before packaging', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    const pkg = JSON.parse(fs.readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dist).toMatch(
      /^electron-vite build && node scripts\/postinstall\.mjs --for-dist && electron-builder /,
    );
  });
});

/**
 * electron-builder's own code for the decisions the packaging tests check: how `files`
 * patterns filter node_modules (with its macro expansion of ${os} and ${arch}), and what
 * the deb/rpm target demands of package.json. Loaded from app-builder-lib, untyped.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadYaml } from 'js-yaml';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const builderConfig = loadYaml(
  fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'),
) as Record<string, unknown>;
export const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
  string,
  unknown
>;

type Stat = { isDirectory(): boolean };
type Filter = (file: string, stat: Stat) => boolean;

const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  getNodeModuleFileMatcher: (
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: Record<string, unknown>,
    packager: { config: Record<string, unknown>; debugLogger: { isEnabled: boolean } },
  ) => { createFilter(): Filter };
};
const { expandMacro } = require('app-builder-lib/out/util/macroExpander') as {
  expandMacro: (
    pattern: string,
    arch: string | null,
    appInfo: object,
    extra: Record<string, string>,
  ) => string;
};
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget') as {
  default: { prototype: { computeFpmMetaInfoOptions(this: unknown): Promise<Record<string, string>> } };
};
const { AppInfo } = require('app-builder-lib/out/appInfo') as {
  AppInfo: { prototype: { computePackageUrl(this: unknown): Promise<string | null> } };
};

/** electron-builder's os key for a platform: linux, mac, win. */
export type BuilderOs = 'linux' | 'mac' | 'win';

/**
 * Whether electron-builder copies `relative` (a path under the app, e.g.
 * node_modules/@node-llama-cpp/linux-x64/bins/x.node) into the installer for os and arch.
 */
export function shipsNodeModuleFile(
  relative: string,
  os: BuilderOs,
  arch: string,
  isDirectory = false,
): boolean {
  const appDir = path.join(ROOT, '.app');
  const expander = (pattern: string) => expandMacro(pattern, arch, { productName: 'Spool' }, { os });
  const matcher = getNodeModuleFileMatcher(
    appDir,
    '/dest',
    expander,
    (builderConfig[os] ?? {}) as Record<string, unknown>,
    {
      config: builderConfig,
      debugLogger: { isEnabled: false },
    } as never,
  );
  return matcher.createFilter()(path.join(appDir, relative), { isDirectory: () => isDirectory });
}

/** The deb/rpm metadata electron-builder derives, or its error when package.json lacks something. */
export function debMetadata(pkg: Record<string, unknown>): Promise<Record<string, string>> {
  const appInfo = {
    linuxPackageName: 'spool',
    computePackageUrl: () =>
      AppInfo.prototype.computePackageUrl.call({
        info: { metadata: pkg, repositoryInfo: Promise.resolve(null) },
        notNullDevMetadata: {},
      }),
  };
  const target = {
    packager: { appInfo, info: { metadata: pkg } },
    options: { ...(builderConfig.linux as object), ...(builderConfig.deb as object) },
  };
  return FpmTarget.prototype.computeFpmMetaInfoOptions.call(target);
}

import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Which better-sqlite3 addon this runtime loads. Node and Electron need builds for
 * different ABIs; both live in node_modules/better-sqlite3 (scripts/postinstall.mjs puts
 * Electron's at lib/binding/node-v<ABI>-<platform>-<arch>/better_sqlite3.node). Under
 * Node the `bindings` lookup better-sqlite3 does by default finds the Node build
 * (undefined here). Inside Electron the path is given explicitly, so a Node build left in
 * build/Release (an `npm rebuild`, say) can never be picked up by mistake; in a packaged
 * app the addon is read from app.asar.unpacked, where asarUnpack put it.
 */
export interface Runtime {
  electron?: string;
  /** NODE_MODULE_VERSION: Electron reports its own ABI here. */
  modules: string;
  platform: string;
  arch: string;
}

const ADDON = 'better_sqlite3.node';

export function sqliteNativeBinding(runtime: Runtime, moduleDir: string): string | undefined {
  if (!runtime.electron) return undefined;
  const dir = moduleDir.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return path.join(
    dir,
    'lib',
    'binding',
    `node-v${runtime.modules}-${runtime.platform}-${runtime.arch}`,
    ADDON,
  );
}

/**
 * Refuses, in words a developer can act on, an Electron build that was never made
 * (Electron started by hand before `npm start` built it), instead of better-sqlite3's
 * bare "Cannot find module".
 */
export function assertNativeBindingExists(file: string | undefined, exists: (file: string) => boolean): void {
  if (file === undefined || exists(file)) return;
  throw new Error(
    `better-sqlite3 is not built for this Electron (no ${file}). In the repository, \`npm start\` ` +
      'builds it (or `node scripts/postinstall.mjs --for-start`).',
  );
}

/** The answer for this process. */
export function currentSqliteNativeBinding(): string | undefined {
  if (!process.versions.electron) return undefined;
  const moduleDir = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  return sqliteNativeBinding(
    {
      electron: process.versions.electron,
      modules: process.versions.modules,
      platform: process.platform,
      arch: process.arch,
    },
    moduleDir,
  );
}

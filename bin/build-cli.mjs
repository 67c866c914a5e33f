// Builds the `spool` command line from TypeScript into out/cli/ (esbuild: main.cjs, one
// CommonJS bundle that load-cli.mjs compiles with V8's code cache, plus the two ESM
// worker entries it starts beside itself), and rebuilds only when a source it was built
// from changed: `spool` then starts from plain JavaScript instead of transpiling on every
// run. esbuild is what tsx itself runs on (and Vite); dependencies stay in node_modules,
// zod aside.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// SPOOL_CLI_OUT (a folder inside the repository, so node_modules resolve) is for tests.
const outDir = path.resolve(root, process.env.SPOOL_CLI_OUT ?? path.join('out', 'cli'));
const stampFile = path.join(outDir, 'inputs.json');

const MAIN = 'electron/cli/main.ts';
export const MAIN_FILE = 'main.cjs';
export const WORKERS = {
  // Started as worker threads by URL beside the bundle (core/local/ggufInfo.ts, LocalLlm.ts,
  // core/db/checkpointWorkerEntry.ts).
  ggufHeaderWorker: 'electron/core/local/gguf/ggufHeaderWorker.ts',
  llamaWorker: 'electron/core/local/llamaWorker.ts',
  checkpointWorker: 'electron/core/db/checkpointWorker.ts',
};
const OUTPUTS = [MAIN_FILE, ...Object.keys(WORKERS).map((name) => `${name}.js`)];
/** What the loader passes the bundle for its dynamic import()s (see load-cli.mjs). */
const IMPORT_FN = '__spoolImport';

function dependencyNames() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((n) => n !== 'zod');
}

function externals() {
  return dependencyNames().flatMap((n) => [n, `${n}/*`]);
}

/**
 * zod's `z` namespace carries `z.locales`, every translation of its messages (260 KB,
 * a third of the bundle), so importing `z` keeps them all. Spool shows zod's messages
 * in English only (zod's default, set from locales/en.js directly), so the bundle gets
 * a locales index that exports just `en`.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-en' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: "export { default as en } from './en.js';\n",
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * A CommonJS package imported from ESM goes through Node's CJS-to-ESM translation,
 * which lexes its source (and what it re-exports) to find export names, on every run.
 * Imports of CommonJS dependencies (better-sqlite3) become `require()` through
 * `createRequire` instead (the banner below): the same module, loaded the plain way.
 */
const commonJsByRequire = {
  name: 'commonjs-by-require',
  setup(b) {
    const deps = new Set(dependencyNames());
    const isCommonJs = (name) => {
      const pkgName = name
        .split('/')
        .slice(0, name.startsWith('@') ? 2 : 1)
        .join('/');
      if (!deps.has(pkgName)) return false;
      const pkg = JSON.parse(
        fs.readFileSync(path.join(root, 'node_modules', pkgName, 'package.json'), 'utf8'),
      );
      return pkg.type !== 'module';
    };
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.namespace === 'cjs-require') return { path: args.path, external: true };
      if (args.kind === 'import-statement' && isCommonJs(args.path))
        return { path: args.path, namespace: 'cjs-require' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'cjs-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});\n`,
      loader: 'js',
    }));
  },
};

/** True when out/cli was built from exactly the sources as they are now. */
function isFresh() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  for (const [file, mtimeMs] of Object.entries(stamp.inputs ?? {})) {
    try {
      if (fs.statSync(path.join(root, file)).mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return OUTPUTS.every((name) => fs.existsSync(path.join(outDir, name)));
}

/**
 * A script compiled with V8's code cache (load-cli.mjs) cannot run `import()` on Node 20
 * without an experimental flag, so the bundle's dynamic imports (the AI SDK, local
 * models, import parsers: all external, loaded on first use) call a function the loader
 * passes in, which imports from bin/ (beside node_modules). Any other import() of a
 * literal left in the output fails the build rather than the command that would reach it.
 */
function routeDynamicImports(file, externalNames) {
  let code = fs.readFileSync(file, 'utf8');
  code = code.replace(/\bimport\((["'])([^"']+)\1\)/g, (whole, quote, spec) => {
    const pkg = spec
      .split('/')
      .slice(0, spec.startsWith('@') ? 2 : 1)
      .join('/');
    return spec.startsWith('node:') || externalNames.has(pkg)
      ? `${IMPORT_FN}(${quote}${spec}${quote})`
      : whole;
  });
  // (Worker sources kept as strings hold `import(${...})`: text, run in a worker, not here.)
  const left = code.match(/\bimport\((["'])/);
  if (left)
    throw new Error(
      `${file}: an import() the loader cannot serve: ${code.slice(left.index, left.index + 60)}`,
    );
  fs.writeFileSync(file, code);
}

export async function buildCli() {
  const { build } = await import('esbuild');
  // Built beside, then renamed file by file: a `spool` starting meanwhile sees old or new, never half.
  const tmp = path.join(outDir, `.build-${process.pid}`);
  const common = {
    absWorkingDir: root,
    outdir: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Dependencies load from node_modules at run time, except zod: bundled, it is one parse
    // instead of resolving and loading its many small modules on every start.
    external: externals(),
    metafile: true,
    // Smaller to parse at every start; names kept so stack traces stay readable.
    minify: true,
    keepNames: true,
    logLevel: 'error',
  };
  let main;
  let workers;
  try {
    main = await build({
      ...common,
      entryPoints: { main: MAIN },
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      plugins: [zodEnglishOnly],
      // Worker files and createRequire() are found from the bundle's own URL.
      define: { 'import.meta.url': '__spoolModuleUrl' },
      banner: { js: "var __spoolModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    });
    routeDynamicImports(path.join(tmp, MAIN_FILE), new Set(dependencyNames()));
    workers = await build({
      ...common,
      entryPoints: WORKERS,
      format: 'esm',
      plugins: [zodEnglishOnly, commonJsByRequire],
      // The `require` that esbuild's require() calls of external packages use.
      banner: {
        js: "import { createRequire as __spoolRequire } from 'node:module'; const require = __spoolRequire(import.meta.url);",
      },
    });
    for (const name of fs.readdirSync(tmp)) fs.renameSync(path.join(tmp, name), path.join(outDir, name));
    // Code caches of earlier builds (load-cli.mjs names each after its bundle's hash).
    for (const name of fs.readdirSync(outDir)) {
      if (/^main\.[0-9a-f]+\.cache$/.test(name)) fs.rmSync(path.join(outDir, name), { force: true });
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const inputs = {};
  // The build's own recipe counts as a source too: a changed externals list or option rebuilds.
  const sources = [
    'bin/build-cli.mjs',
    'package.json',
    ...Object.keys(main.metafile.inputs),
    ...Object.keys(workers.metafile.inputs),
  ];
  // Plugin-made modules (`namespace:path`) have no file of their own.
  for (const file of sources.filter((f) => !f.startsWith('node_modules/') && !/^[\w-]+:/.test(f))) {
    inputs[file] = fs.statSync(path.join(root, file)).mtimeMs;
  }
  const stampTmp = `${stampFile}.${process.pid}`;
  fs.writeFileSync(stampTmp, JSON.stringify({ inputs }) + '\n');
  fs.renameSync(stampTmp, stampFile);
}

/** The built entry's path, building first when the sources changed. */
export async function ensureBuilt() {
  if (!isFresh()) {
    fs.mkdirSync(outDir, { recursive: true });
    await buildCli();
  }
  return path.join(outDir, MAIN_FILE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();

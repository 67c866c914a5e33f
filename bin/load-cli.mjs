// Runs the built CLI (out/cli/main.cjs) from V8's code cache. Node 20 has no compile
// cache for modules (module.enableCompileCache is Node 22.1+), and compiling the bundle
// — plus every function a command then calls — is a good part of a short command's
// start. So the bundle is compiled as a vm.Script with the cache the previous run left
// beside it; a run without a usable cache writes one as it exits, holding what that run
// compiled, not just the top level.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** The bundle's exports (`main`). */
export function loadCli(file) {
  const source = fs.readFileSync(file, 'utf8');
  // V8 checks a cache against the source's length, not its text: the file name carries
  // a hash of the text, so a rebuilt bundle never runs code cached from another build.
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cacheFile = path.join(path.dirname(file), `main.${hash}.cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The CommonJS wrapper on the bundle's first line, so its line numbers stay as built.
  const wrapped = `(function (exports, require, module, __filename, __dirname, __spoolImport) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {} };
  // import() inside a vm.Script needs an experimental flag on Node 20: the bundle's
  // dynamic imports (all of packages in node_modules) call this one instead.
  const importFromHere = (specifier) => import(specifier);
  script.runInThisContext()(
    module.exports,
    createRequire(file),
    module,
    file,
    path.dirname(file),
    importFromHere,
  );
  if (cachedData === undefined || script.cachedDataRejected)
    process.once('exit', () => writeCache(script, cacheFile));
  return module.exports;
}

function writeCache(script, cacheFile) {
  const tmp = `${cacheFile}.${process.pid}`;
  try {
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
  } catch {
    // A read-only checkout: every run compiles, as without a cache.
    fs.rmSync(tmp, { force: true });
  }
}

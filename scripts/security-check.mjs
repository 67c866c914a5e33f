// `npm run test:security`: Electronegativity over Spool's Electron-facing source,
// failing on any finding that electronegativity-allowlist.json does not list with a
// reason (and on allowlist entries that no longer match anything, so it stays true).
//
// Electronegativity's CLI exits 0 whatever it finds, and its runner fetches
// translations and Electron's release list over the network; this drives its
// parser and checks directly instead, offline. The one check that needs the network
// (AvailableSecurityFixesGlobalCheck) is excluded in the allowlist file, with its reason.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
export const ALLOWLIST_FILE = path.join(root, 'electronegativity-allowlist.json');

/** What is scanned: everything that configures or talks to Electron, and the page it loads. */
const SCAN_ROOTS = ['electron/main', 'electron/preload', 'renderer/src', 'renderer/index.html'];
const SCAN_FILES = ['electron.vite.config.ts', 'package.json'];
const SCANNED_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.html']);

/**
 * Findings not covered by the allowlist. Pure.
 * @param {{ id: string, file: string, line: number, description: string }[]} findings
 * @param {{ findings: { check: string, file: string, reason: string }[] }} allowlist
 */
export function judgeFindings(findings, allowlist) {
  const entries = allowlist.findings ?? [];
  const withoutReason = entries.filter((e) => typeof e.reason !== 'string' || e.reason.trim().length < 10);
  const covers = (e, f) => e.check === f.id && e.file === f.file && !withoutReason.includes(e);
  const unlisted = findings.filter((f) => !entries.some((e) => covers(e, f)));
  const stale = entries.filter((e) => !withoutReason.includes(e) && !findings.some((f) => covers(e, f)));
  return { unlisted, stale, withoutReason, ok: unlisted.length + stale.length + withoutReason.length === 0 };
}

function listFiles(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && SCANNED_EXTENSIONS.has(path.extname(d.name)))
    .map((d) => path.relative(root, path.join(d.parentPath ?? d.path, d.name)));
}

/** Runs Electronegativity's checks over the scanned files. */
export async function scan(excludedChecks) {
  const base = path.dirname(require.resolve('@doyensec/electronegativity'));
  // The checks describe themselves through i18n's global __(); configure it offline.
  const i18n = require(require.resolve('i18n', { paths: [base] }));
  i18n.configure({
    locales: ['en-US'],
    defaultLocale: 'en-US',
    directory: path.join(base, 'locales'),
    updateFiles: false,
    objectNotation: true,
    register: globalThis,
  });
  const { Parser } = require(path.join(base, 'parser'));
  const { Finder, GlobalChecks } = require(path.join(base, 'finder'));
  const electronVersion = require('electron/package.json').version;
  const excluded = excludedChecks.map((c) => c.toLowerCase());
  const parser = new Parser(false, true);
  const globalChecks = new GlobalChecks([], excluded, undefined);
  const finder = await new Finder(
    [],
    excluded.filter((c) => !c.includes('globalcheck')),
    undefined,
  );

  const files = [...SCAN_ROOTS, ...SCAN_FILES].flatMap(listFiles).sort();
  let issues = [];
  const errors = [];
  for (const file of files) {
    try {
      const [type, data, content] = parser.parse(file, fs.readFileSync(path.join(root, file), 'utf8'));
      if (data === null) continue;
      issues.push(...(await finder.find(file, data, type, content, null, electronVersion)));
    } catch (err) {
      errors.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  issues = await globalChecks.getResults(issues, undefined);
  const visible = issues.filter(
    (i) => !i.visibility || (!i.visibility.inlineDisabled && !i.visibility.globalCheckDisabled),
  );
  const findings = visible.map((i) => ({
    id: i.id,
    file: i.file.split(path.sep).join('/'),
    line: i.location?.line ?? 0,
    description: i.description,
  }));
  return { files, findings, errors };
}

async function main() {
  const allowlist = JSON.parse(fs.readFileSync(ALLOWLIST_FILE, 'utf8'));
  const excluded = allowlist.excludedChecks ?? [];
  const unexplained = excluded.filter((c) => typeof c.reason !== 'string' || c.reason.trim().length < 10);
  const { files, findings, errors } = await scan(excluded.map((c) => c.check));
  const verdict = judgeFindings(findings, allowlist);
  const problems = [
    ...errors.map((e) => `could not parse ${e}`),
    ...unexplained.map((c) => `excluded check ${c.check} has no reason`),
    ...verdict.withoutReason.map((e) => `allowlist entry ${e.check} in ${e.file} has no reason`),
    ...verdict.unlisted.map((f) => `${f.id} at ${f.file}:${f.line} — ${f.description}`),
    ...verdict.stale.map(
      (e) => `allowlist entry ${e.check} in ${e.file} matches no finding any more: remove it`,
    ),
  ];
  if (problems.length > 0) {
    console.error(
      `Electronegativity: ${problems.length} problem(s) (allowlist: ${path.relative(root, ALLOWLIST_FILE)}):`,
    );
    for (const p of problems) console.error(`  ${p}`);
    return 1;
  }
  console.log(
    `Electronegativity: ${files.length} files, ${findings.length} finding(s), all allowlisted with a reason.`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main();
}

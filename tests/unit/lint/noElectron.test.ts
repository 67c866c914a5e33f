/**
 * The process boundary of DESIGN.md §1, as ESLint enforces it with the repository's own
 * config: outside electron/main and electron/preload, no way of loading Electron passes
 * — static, dynamic, require() or createRequire() — and look-alike packages still do.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** The rules that fired on `code` as if it were a file at `file` (relative to the repo). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const BYPASSES: Record<string, string> = {
  'a static import': "import { app } from 'electron';\nexport const a = app;\n",
  'a subpath import': "import { app } from 'electron/main';\nexport const a = app;\n",
  'a dynamic import()': "export const load = () => import('electron');\n",
  'a dynamic import() of a template literal': 'export const load = () => import(`electron`);\n',
  'require()': "export const load = () => require('electron');\n",
  'createRequire(…)(…)': [
    "import { createRequire } from 'node:module';",
    "export const load = () => createRequire(import.meta.url)('electron');",
    '',
  ].join('\n'),
  'the function createRequire returned': [
    "import { createRequire } from 'node:module';",
    'const req = createRequire(import.meta.url);',
    "export const load = () => req('electron/main');",
    '',
  ].join('\n'),
  'module.require()': "export const load = () => module.require('electron');\n",
};

describe.each([
  'electron/core/x.ts',
  'electron/web/x.ts',
  'electron/cli/x.ts',
  'shared/x.ts',
  'renderer/src/x.ts',
])('in %s', (file) => {
  it.each(Object.entries(BYPASSES))('refuses Electron loaded by %s', async (_how, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });
});

it('lets electron/main load Electron every way', async () => {
  for (const code of Object.values(BYPASSES))
    expect(await boundaryErrors('electron/main/x.ts', code)).toEqual([]);
});

it('does not mistake packages whose names start with electron for Electron', async () => {
  const code = [
    "import log from 'electron-log';",
    "export const load = () => [log, import('electron-vite'), require('electron-builder')];",
    '',
  ].join('\n');
  expect(await boundaryErrors('electron/core/x.ts', code)).toEqual([]);
});

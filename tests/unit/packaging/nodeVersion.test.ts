import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageJson, ROOT } from './builderInternals';

/**
 * The README asks for Node 20.19+. Electron's installer (@electron/get 5),
 * electron-builder's rebuild (@electron/rebuild 4) and node-abi declare Node >= 22.12:
 * they are ES modules that electron's and electron-builder's CommonJS code require(),
 * which Node enables by default from 20.19. This checks they load under the Node running
 * the suite, the way their callers load them.
 */
describe('the desktop tooling under the Node the README asks for', () => {
  it('asks for Node 20.19 or newer', () => {
    expect((packageJson.engines as { node: string }).node).toBe('>=20.19.0');
  });

  for (const name of ['@electron/get', '@electron/rebuild', 'node-abi']) {
    it(`${name} loads through require() here (Node ${process.versions.node})`, () => {
      const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(run.stderr.replace(/^.*ExperimentalWarning.*\n?|^.*--trace-warnings.*\n?/gm, '')).toBe('');
      expect(run.status).toBe(0);
    });
  }
});

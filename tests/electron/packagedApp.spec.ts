import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_MODEL, packagedExecutable, runSmoke } from '../../scripts/smoke-packaged.mjs';
import { repoRoot } from './launch';

/**
 * The packaged app (after `npm run dist`), fuses flipped: its CLI lists a fresh library and
 * a local model answers — node-llama-cpp's binary test-load must work without RunAsNode.
 * Needs no Electron in node_modules: the packaged app carries its own.
 */
const exe = packagedExecutable(path.join(repoRoot, 'release'), process.platform, process.arch);

test.skip(!fs.existsSync(exe), `no packaged app at ${exe} (run \`npm run dist\` first)`);
test.skip(!fs.existsSync(DEFAULT_MODEL), `the test model ${DEFAULT_MODEL} is absent`);

test('the packaged app runs its CLI and answers with a local model', () => {
  test.setTimeout(300_000);
  const results = runSmoke({ exe, model: DEFAULT_MODEL });
  expect(results.filter((r) => !r.ok)).toEqual([]);
});

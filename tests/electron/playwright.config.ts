import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { findElectronBinary } from './electronBinary';

const here = fileURLToPath(new URL('.', import.meta.url));

/** `npm run test:electron`: the browser-mode flows again, through the real Electron app. */
export default defineConfig({
  testDir: here,
  testMatch: '*.spec.ts',
  globalSetup: fileURLToPath(new URL('./globalSetup.ts', import.meta.url)),
  outputDir: fileURLToPath(new URL('../../test-results/electron', import.meta.url)),
  // One Electron app at a time: each is a full browser, and the machine may be small.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Where the suite skips, the global setup's one line is the report.
  reporter: findElectronBinary().found ? 'list' : 'dot',
  forbidOnly: !!process.env.CI,
});

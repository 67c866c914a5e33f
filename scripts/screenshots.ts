/**
 * Takes the README's screenshots, light and dark, against a real browser-mode host on
 * a throwaway library seeded through the API with a believable conversation (screenshotsSeed.ts:
 * questions sent, the fake provider answering), and the real fake
 * provider for a reply caught mid-stream: the main view, a Markdown reply with
 * reasoning and a code block, a streaming reply, an interrupted reply with Continue,
 * and the Settings view.
 * Run: `npm run build:renderer && npx tsx scripts/screenshots.ts` (not part of npm test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { REPO_ROOT, startHostProcess } from '../tests/e2e/fixtures/hostProcess';
import { startFakeProvider } from '../tests/fake-provider/server';
import { seed } from './screenshotsSeed';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

const STREAMING_REPLY =
  'Group commit means Spool never waits on the disk once per token. Tokens that arrive in the same ' +
  'event-loop turn share one transaction, so even a fast model costs a few small writes per second, ' +
  'and every token you can read here is already on disk.';

async function shot(page: Page, name: string, colorScheme: string): Promise<void> {
  await page.mouse.move(700, 60); // off the sidebar and the messages, so nothing shows hover actions
  const file = path.join(OUT_DIR, `${name}-${colorScheme}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
}

async function main(): Promise<void> {
  const fake = await startFakeProvider({ tokensPerSecond: 6 });
  fake.setScript(`script:hello?text=${encodeURIComponent(STREAMING_REPLY)}`);
  const browser = await chromium.launch({
    executablePath: process.env.SPOOL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    // A fresh library per colour scheme, so each shows the same story.
    for (const colorScheme of ['light', 'dark'] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-shots-'));
      await seed(dataDir, fake);
      const host = await startHostProcess(dataDir);
      try {
        await takeShots(browser, host.url, colorScheme);
      } finally {
        await host.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    await fake.close();
  }
}

async function takeShots(browser: Browser, url: string, colorScheme: 'light' | 'dark'): Promise<void> {
  const page = await browser.newPage({
    viewport: { width: 1200, height: 760 },
    colorScheme,
    deviceScaleFactor: 2,
  });
  await page.goto(url);
  const log = page.getByRole('log', { name: 'Messages' });

  // The main view, with an interrupted reply offering Continue.
  await page.getByRole('button', { name: 'Why SQLite for a chat app?', exact: true }).click();
  await log.getByText('or regenerate').waitFor();
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await shot(page, 'main', colorScheme);
  await log.getByRole('button', { name: 'Continue' }).focus();
  await shot(page, 'interrupted', colorScheme);

  // A Markdown reply: reasoning folded, a highlighted code block, a table.
  await page.getByRole('button', { name: 'Retry with backoff in TypeScript', exact: true }).click();
  await log.getByRole('button', { name: 'Copy code' }).waitFor();
  // From the question down: who answered (yesterday, so with its date), the reasoning, the code.
  await log.getByRole('article', { name: 'You message' }).first().scrollIntoViewIfNeeded();
  await shot(page, 'markdown', colorScheme);

  // A reply caught mid-stream.
  await page.getByRole('button', { name: 'How does group commit work?', exact: true }).click();
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill('How does group commit work, in two sentences?');
  await composer.press('Enter');
  await log.getByText(/event-loop turn share/).waitFor();
  await shot(page, 'streaming', colorScheme);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();

  // The stream inspector of that reply: its chunk arrivals, stopped by the user.
  const stopped = log.getByRole('article', { name: 'Assistant message' }).last();
  await stopped.hover();
  await stopped.getByRole('button', { name: 'Inspect', exact: true }).click();
  const inspector = page.getByRole('dialog', { name: 'Stream inspector' });
  await inspector
    .getByRole('img', { name: /^Chunk arrivals over time/ })
    .first()
    .waitFor();
  await shot(page, 'inspector', colorScheme);
  await inspector.getByRole('button', { name: 'Close stream inspector' }).click();

  // Search across every conversation, matches highlighted.
  await page.keyboard.press('Control+K');
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('group commit');
  await page.getByRole('listbox', { name: 'Results' }).getByRole('option').first().waitFor();
  await shot(page, 'search', colorScheme);
  await page.keyboard.press('Escape');

  // Diagnostics: this library's own reliability figures.
  await page.getByRole('complementary').getByRole('button', { name: 'Diagnostics' }).click();
  await page.getByRole('dialog', { name: 'Diagnostics' }).getByRole('heading').first().waitFor();
  await shot(page, 'diagnostics', colorScheme);
  await page.keyboard.press('Escape');

  // Settings.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByText('Ollama (local)').waitFor();
  await shot(page, 'settings', colorScheme);
  await page.close();
}

await main();

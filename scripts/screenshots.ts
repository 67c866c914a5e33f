/**
 * Takes the README's screenshots of the main view, light and dark, against a real
 * browser-mode host on a throwaway library seeded with a believable conversation.
 * Run: `npm run build:renderer && npx tsx scripts/screenshots.ts` (not part of npm test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SpoolCore } from '../electron/core/SpoolCore';
import { REPO_ROOT, startHostProcess } from '../tests/e2e/fixtures/hostProcess';

const OUT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

const text = (t: string) => [{ type: 'text' as const, text: t }];

async function seed(dataDir: string): Promise<void> {
  const core = SpoolCore.open({ dataDir, mode: 'test' });
  const titles = ['Sourdough starter schedule', 'Rust lifetimes, explained', 'Trip to Lisbon in May'];
  for (const title of titles) core.conversations.create(title);
  const chat = core.conversations.create('Why SQLite for a chat app?');
  const m = core.messages;
  m.insert({
    conversationId: chat.id,
    role: 'user',
    parts: text('Why would a chat app write every streamed token to SQLite? Isn’t that slow?'),
  });
  m.insert({
    conversationId: chat.id,
    role: 'assistant',
    parts: text(
      'Not really. The trick is group commit: tokens that arrive in the same event-loop turn are written ' +
        'in one transaction, so a fast model costs a handful of small writes per second.\n\n' +
        'What you get in return: a reply is on disk before you ever see it. Close the window, kill the ' +
        'app or lose the network, and the reply is still there, exactly as far as it got.',
    ),
  });
  m.insert({ conversationId: chat.id, role: 'user', parts: text('And if the app crashes mid-reply?') });
  m.insert({
    conversationId: chat.id,
    role: 'assistant',
    status: 'interrupted',
    parts: text(
      'Then on the next start Spool finds the stream that lost its owner, marks it interrupted and keeps ' +
        'every chunk it had committed. You can continue it from there, or regenerate',
    ),
  });
  await core.close();
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-shots-'));
  await seed(dataDir);
  const host = await startHostProcess(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.SPOOL_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({
        viewport: { width: 1200, height: 760 },
        colorScheme,
        deviceScaleFactor: 2,
      });
      await page.goto(host.url);
      await page.getByRole('button', { name: 'Why SQLite for a chat app?', exact: true }).click();
      await page.getByRole('log', { name: 'Messages' }).getByText('regenerate').waitFor();
      await page.getByRole('textbox', { name: 'Message' }).focus();
      await page.mouse.move(700, 300); // off the sidebar, so no row shows its hover actions
      const file = path.join(OUT_DIR, `main-${colorScheme}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
      if (process.env.SPOOL_SHOTS_EXTRA) {
        const row = page.getByRole('listitem').filter({ hasText: 'Trip to Lisbon in May' });
        await row.getByRole('button', { name: 'Trip to Lisbon in May' }).click();
        await page.screenshot({ path: path.join(os.tmpdir(), `spool-empty-${colorScheme}.png`) });
        await row.getByRole('button', { name: 'Delete conversation' }).click();
        await page.screenshot({ path: path.join(os.tmpdir(), `spool-dialog-${colorScheme}.png`) });
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();

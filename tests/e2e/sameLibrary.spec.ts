import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/core/db/openDatabase';
import { PresetStore } from '../../electron/core/presets';
import { systemClock } from '../../electron/core/deps';
import { fakeProviderSettings } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { PresetsSection } from './pages/PresetsSection';

const SPOOL = fileURLToPath(new URL('../../bin/spool.mjs', import.meta.url));

/**
 * The desktop app, browser mode and the CLI on one library see each other's changes
 * live (§10): here `spool chat` streams a reply in another process while the window
 * is open on the same data folder, and another process saves and deletes a preset.
 */
test.describe('One library, several processes', () => {
  test('a reply the CLI streams into the library appears in the open window and streams there', async ({
    spool,
    fake,
    dataDir,
  }) => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i + 1}`).join(' ');
    const cli = spawn(
      process.execPath,
      [
        SPOOL,
        'chat',
        '--data-dir',
        dataDir,
        '--base-url',
        `${fake.url}/v1`,
        '--model',
        `script:hello?tps=10&text=${encodeURIComponent(words)}`,
        'Count for me from the command line',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: dataDir } },
    );
    const exited = new Promise<number | null>((resolve) => cli.once('close', (code) => resolve(code)));
    try {
      const row = spool.conversations.getByText('Count for me from the command line');
      await expect(row).toBeVisible();
      await row.click();
      const reply = spool.lastReply();
      // Seen while the CLI is still writing it: it streams here, not only once it is done.
      await expect(reply.text).toContainText('word3');
      expect(cli.exitCode).toBeNull();
      await expect(reply.text).toContainText('word40');
      expect(await exited).toBe(0);
      await expect(spool.messagesFrom('Assistant')).toHaveCount(1);
      await expect(reply.text).toHaveText(words);
    } finally {
      if (cli.exitCode === null) cli.kill('SIGKILL');
    }
  });

  test('a preset another process saves on the library appears in the open Settings, and goes when it deletes it', async ({
    spool,
    fake,
    dataDir,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    const presets = new PresetsSection((await spool.openSettings()).dialog);
    await expect(presets.list).toBeHidden();
    // This test's own process stands for the other one: its own connection on the library file.
    const { db } = openDatabase({ file: join(dataDir, 'spool.db') });
    try {
      const store = new PresetStore(db, systemClock, () => 'preset-from-elsewhere');
      const fields = { systemPrompt: 'Be brief.', providerId: null, model: null, params: {} };
      store.save(undefined, { name: 'From elsewhere', ...fields });
      await expect(presets.row('From elsewhere')).toBeVisible();
      store.delete('preset-from-elsewhere');
      await expect(presets.list).toBeHidden();
    } finally {
      db.close();
    }
  });
});

import Database from 'better-sqlite3';
import path from 'node:path';
import { fakeProviderSettings, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';

/** The draft as the host's database holds it: what survives a SIGKILL. */
function persistedDraft(dataDir: string): string | null {
  const db = new Database(path.join(dataDir, 'spool.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT text FROM drafts').get() as { text: string } | undefined;
    return row?.text ?? null;
  } finally {
    db.close();
  }
}

test.describe('Drafts', () => {
  test('what was typed in the composer is there again after a reload', async ({ spool, dataDir }) => {
    await spool.newChat();
    await spool.composer.fill('A thought I have not finished');
    await expect.poll(() => persistedDraft(dataDir)).toBe('A thought I have not finished');
    await spool.reload();
    await spool.row('New chat').titleButton.click();
    await expect(spool.composer).toHaveValue('A thought I have not finished');
  });

  test('a draft survives a SIGKILL of the host', async ({ spool, host, dataDir }) => {
    await spool.newChat();
    await spool.composer.fill('Typed before the crash');
    // A kill can take the last debounce window of typing with it: wait until it is on disk.
    await expect.poll(() => persistedDraft(dataDir)).toBe('Typed before the crash');

    await host.kill();
    await host.restart();
    await spool.open(host.url);
    await spool.row('New chat').titleButton.click();

    await expect(spool.composer).toHaveValue('Typed before the crash');
  });

  test('each conversation keeps its own draft', async ({ spool }) => {
    await spool.newChat();
    await spool.row('New chat').rename('First');
    await spool.composer.fill('for the first');
    await spool.newChat();
    await expect(spool.composer).toHaveValue('');
    await spool.composer.fill('for the second');
    await spool.row('First').titleButton.click();
    await expect(spool.composer).toHaveValue('for the first');
  });

  test('a send that failed keeps its text in the composer and in the draft after a restart', async ({
    spool,
    host,
    dataDir,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    await spool.composer.fill('Please do not lose me');
    await expect.poll(() => persistedDraft(dataDir)).toBe('Please do not lose me');
    await host.kill();
    await spool.composer.press('Enter');
    await expect(spool.page.getByRole('alert').filter({ hasText: 'Not sent' })).toBeVisible();
    await expect(spool.composer).toHaveValue('Please do not lose me');

    await host.restart();
    await spool.open(host.url);
    await spool.row('New chat').titleButton.click();
    await expect(spool.composer).toHaveValue('Please do not lose me');
  });

  test('a message sent successfully takes its draft with it', async ({ spool, fake, dataDir }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    say(fake, 'Got it.');
    await spool.newChat();
    await spool.composer.fill('Send me');
    await expect.poll(() => persistedDraft(dataDir)).toBe('Send me');
    await spool.composer.press('Enter');
    await expect(spool.composer).toHaveValue('');
    await expect.poll(() => persistedDraft(dataDir)).toBeNull();
    await spool.reload();
    await expect(spool.composer).toHaveValue('');
  });
});

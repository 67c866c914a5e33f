import { expect, test } from './fixtures/test';

test.describe('Conversations', () => {
  test('a new conversation can be renamed and is still there after a reload', async ({ spool }) => {
    await spool.newChat();
    const row = await spool.row('New chat').rename('Trip to Lisbon');

    await expect(row.titleButton).toHaveAttribute('aria-current', 'page');
    await expect(spool.chatTitle).toHaveText('Trip to Lisbon');

    await spool.reload();
    await expect(spool.row('Trip to Lisbon').titleButton).toBeVisible();
    await expect(spool.rows()).toHaveCount(1);
  });

  test('conversations survive stopping the host and starting it again on the same data dir', async ({
    spool,
    host,
  }) => {
    await spool.newChat();
    await spool.row('New chat').rename('Kept across restarts');

    await host.restart();
    await spool.open(host.url);

    await expect(spool.row('Kept across restarts').titleButton).toBeVisible();
    await expect(spool.rows()).toHaveCount(1);
  });

  test('deleting a conversation removes it at once, with no confirmation, and offers Undo', async ({
    spool,
  }) => {
    await spool.newChat();
    const keep = await spool.row('New chat').rename('Keep me');
    await spool.newChat();
    const doomed = await spool.row('New chat').rename('Delete me');

    const toast = await doomed.delete();

    await expect(doomed.titleButton).toHaveCount(0);
    await expect(keep.titleButton).toBeVisible();
    await expect(toast.getByRole('button', { name: 'Undo' })).toBeFocused();
    await spool.reload();
    await expect(spool.rows()).toHaveCount(1);
  });

  test('Undo brings a deleted conversation back, selected as it was, and it stays after a reload', async ({
    spool,
    page,
  }) => {
    await spool.newChat();
    const row = await spool.row('New chat').rename('Still here');
    await row.select();

    await row.delete();
    await expect(row.titleButton).toHaveCount(0);
    await page.keyboard.press('Enter'); // focus is on Undo

    await expect(row.titleButton).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status').filter({ hasText: 'Conversation deleted' })).toHaveCount(0);
    await spool.reload();
    await expect(spool.row('Still here').titleButton).toBeVisible();
  });

  test('pressing Escape while renaming keeps the old title', async ({ spool, page }) => {
    await spool.newChat();
    const row = spool.row('New chat');
    await row.item.hover();
    await row.item.getByRole('button', { name: 'Rename conversation' }).click();
    await page.getByRole('textbox', { name: 'Conversation title' }).fill('Never saved');
    await page.keyboard.press('Escape');

    await expect(row.titleButton).toBeVisible();
    await spool.reload();
    await expect(spool.row('New chat').titleButton).toBeVisible();
  });
});

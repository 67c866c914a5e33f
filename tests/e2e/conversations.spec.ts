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

  test('deleting a conversation asks for confirmation and then removes it', async ({ spool }) => {
    await spool.newChat();
    const keep = await spool.row('New chat').rename('Keep me');
    await spool.newChat();
    const doomed = await spool.row('New chat').rename('Delete me');

    const dialog = await doomed.askToDelete();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();

    await expect(dialog).toBeHidden();
    await expect(doomed.titleButton).toHaveCount(0);
    await expect(keep.titleButton).toBeVisible();
    await expect(spool.newChatButton).toBeFocused();
    await spool.reload();
    await expect(spool.rows()).toHaveCount(1);
  });

  test('cancelling the delete confirmation with Escape keeps the conversation', async ({ spool, page }) => {
    await spool.newChat();
    const row = await spool.row('New chat').rename('Still here');

    const dialog = await row.askToDelete();
    await page.keyboard.press('Escape');

    await expect(dialog).toBeHidden();
    await expect(row.titleButton).toBeVisible();
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

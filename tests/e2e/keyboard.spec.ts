import { expect, test } from './fixtures/test';

test.describe('Keyboard', () => {
  test('Ctrl+N creates a chat and puts the cursor in the composer', async ({ spool, page }) => {
    await page.keyboard.press('Control+n');

    await expect(spool.rows()).toHaveCount(1);
    await expect(spool.selected()).toHaveText('New chat');
    await expect(spool.composer).toBeFocused();
  });

  test('Enter does not send while no provider is connected, Shift+Enter adds a new line', async ({
    spool,
  }) => {
    await spool.newChat();
    await spool.composer.fill('Hello');
    await spool.composer.press('Enter');
    await spool.composer.press('Shift+Enter');
    await spool.composer.pressSequentially('there');

    await expect(spool.composer).toHaveValue('Hello\nthere');
    await expect(spool.sendButton).toBeDisabled();
    await expect(spool.page.getByText('Connect a model provider to send')).toBeVisible();
  });

  test('a conversation can be renamed with the keyboard alone', async ({ spool, page }) => {
    await spool.newChat();
    const row = spool.row('New chat');
    await row.titleButton.focus();
    await page.keyboard.press('Tab');
    await expect(row.item.getByRole('button', { name: 'Rename conversation' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Typed title');
    await page.keyboard.press('Enter');

    await expect(spool.row('Typed title').titleButton).toBeVisible();
    await expect(spool.chatTitle).toHaveText('Typed title');
  });
});

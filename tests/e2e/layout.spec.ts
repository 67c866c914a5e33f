import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';

/** The frame: a sidebar that gets out of the way, a first run that fits, shortcuts, toasts clear of the composer. */
test.describe('Layout', () => {
  test('the sidebar hides and shows again from the chat header, and with Ctrl+B', async ({ spool, page }) => {
    const sidebar = page.getByRole('complementary');
    await expect(sidebar).toBeVisible();
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    await expect(sidebar).toHaveCount(0);
    await page.getByRole('button', { name: 'Show sidebar' }).click();
    await expect(sidebar).toBeVisible();
    await page.keyboard.press('Control+b');
    await expect(sidebar).toHaveCount(0);
    await expect(spool.composer).toBeVisible();
  });

  test('below 900 px wide the sidebar starts hidden and can still be shown', async ({ spool, page }) => {
    await expect(spool.composer).toBeVisible();
    await page.setViewportSize({ width: 800, height: 700 });
    await expect(page.getByRole('complementary')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show sidebar' }).click();
    await expect(page.getByRole('complementary')).toBeVisible();
  });

  test('on first run at 1280×800 both ways to start begin above the fold, apart', async ({ spool, page }) => {
    await expect(spool.onboarding).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 800 });
    const local = page.getByRole('region', { name: 'Run a model on this computer' });
    const provider = page.getByRole('region', { name: 'Add a provider' });
    await expect(provider.getByRole('heading', { name: 'Add a provider' })).toBeInViewport({ ratio: 1 });
    await expect(provider.getByLabel('Base URL')).toBeInViewport({ ratio: 1 });
    await expect(local.getByRole('heading')).toBeInViewport({ ratio: 1 });
    const [a, b] = [(await local.boundingBox())!, (await provider.boundingBox())!];
    const apart = a.x + a.width < b.x || b.x + b.width < a.x || a.y + a.height < b.y || b.y + b.height < a.y;
    expect(apart).toBe(true);
  });

  test('Ctrl+/ and ? open the shortcut sheet, and Esc closes it', async ({ spool, page }) => {
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await page.keyboard.press('Control+/');
    await expect(sheet).toBeVisible();
    await expect(sheet.getByRole('row', { name: /New chat/ })).toBeVisible();
    await expect(sheet.getByRole('row', { name: /Open Settings/ })).toContainText(',');
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);

    await page.getByRole('button', { name: 'Hide sidebar' }).focus();
    await page.keyboard.press('?');
    await expect(sheet).toBeVisible();
    await page.keyboard.press('Escape');

    // In the message box, ? is just text.
    await spool.composer.focus();
    await page.keyboard.press('?');
    await expect(spool.composer).toHaveValue('?');
    await expect(sheet).toHaveCount(0);
  });

  test('Ctrl+, opens Settings', async ({ spool, page }) => {
    await expect(spool.composer).toBeVisible();
    await page.keyboard.press('Control+,');
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  });

  test('the Undo toast after deleting a conversation does not cover the composer', async ({
    spool,
    fake,
    page,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    say(fake, 'Short reply.', 0);
    await spool.send('Keep me');
    // Its title arrives after the reply; until then two chats would both be "New chat".
    await expect(spool.selected()).not.toHaveText('New chat');
    const title = (await spool.selected().textContent())!;
    await spool.newChat();
    await spool.composer.fill('A draft\nof three\nlines');
    await spool.row(title).delete();

    const toast = page.getByRole('status').filter({ hasText: 'Conversation deleted' });
    await expect(toast).toBeVisible();
    const [t, c] = [
      (await toast.boundingBox())!,
      (await spool.composer.locator('xpath=ancestor::form').boundingBox())!,
    ];
    expect(t.y + t.height).toBeLessThanOrEqual(c.y);
  });
});

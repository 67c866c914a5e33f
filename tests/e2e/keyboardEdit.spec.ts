import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';

test.describe('Keyboard in the chat', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('Up in an empty composer edits the last message you sent, and Enter resends it', async ({
    spool,
    fake,
    page,
  }) => {
    say(fake, 'First answer.', 0);
    await spool.send('Frist question');
    await expect(spool.lastReply().text).toHaveText('First answer.');

    await spool.composer.focus();
    await page.keyboard.press('ArrowUp');
    const editor = spool.lastUserMessage().article.getByRole('textbox', { name: 'Edit message' });
    await expect(editor).toBeFocused();
    await expect(editor).toHaveValue('Frist question');

    say(fake, 'Second answer.', 0);
    await editor.fill('First question');
    await editor.press('Enter');
    await expect(spool.lastUserMessage().text).toHaveText('First question');
    await expect(spool.lastReply().text).toHaveText('Second answer.');
    await expect(spool.composer).toBeFocused();
  });

  test('Up in a composer with text in it moves the cursor and edits nothing', async ({
    spool,
    fake,
    page,
  }) => {
    say(fake, 'An answer.', 0);
    await spool.send('A question');
    await expect(spool.lastReply().text).toHaveText('An answer.');

    await spool.composer.fill('draft\nsecond line');
    await page.keyboard.press('ArrowUp');
    await expect(spool.page.getByRole('textbox', { name: 'Edit message' })).toHaveCount(0);
    await expect(spool.composer).toHaveValue('draft\nsecond line');
  });

  test('Escape in the editor opened with Up cancels it and gives the keyboard back to the composer', async ({
    spool,
    fake,
    page,
  }) => {
    say(fake, 'An answer.', 0);
    await spool.send('A question');
    await expect(spool.lastReply().text).toHaveText('An answer.');

    await spool.composer.focus();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('textbox', { name: 'Edit message' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('textbox', { name: 'Edit message' })).toHaveCount(0);
    await expect(spool.lastUserMessage().text).toHaveText('A question');
    await expect(spool.composer).toBeFocused();
  });
});

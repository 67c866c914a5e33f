import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say, scriptedReply } from './fixtures/replies';
import { SearchDialog } from './pages/SearchDialog';

/** Search, generated titles, pin, delete with Undo — through the real UI and the real fake provider. */
test.describe('Library', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
  });

  test('a title appears after the first exchange: the first message, when the provider answers no title', async ({
    spool,
    fake,
  }) => {
    await spool.newChat();
    // A long scripted answer is not a title, so the first line of the message is used.
    say(fake, scriptedReply(30), 60);
    await spool.send('Plan a weekend in Porto\nwith two kids');

    await expect(spool.lastReply().text).toHaveText(scriptedReply(30));
    await expect(spool.selected()).toHaveText('Plan a weekend in Porto');
    await expect(spool.chatTitle).toHaveText('Plan a weekend in Porto');
  });

  test('a short answer from the provider becomes the title', async ({ spool, fake }) => {
    await spool.newChat();
    say(fake, 'Weekend in Porto', 60);
    await spool.send('Plan a weekend in Porto with two kids');

    await expect(spool.selected()).toHaveText('Weekend in Porto');
  });

  test('Ctrl+K finds a message in another conversation and Enter opens that conversation', async ({
    spool,
    fake,
    page,
  }) => {
    await spool.newChat();
    say(fake, 'Quokkas live on Rottnest Island and smile a lot, as far as anyone can tell.', 60);
    await spool.send('Where do quokkas live?');
    await expect(spool.lastReply().text).toHaveText(/Rottnest Island/);
    await expect(spool.selected()).not.toHaveText('New chat');
    const firstTitle = (await spool.selected().textContent())!;
    await spool.newChat();

    const search = new SearchDialog(page);
    await search.openWithShortcut();
    await search.search('rottnest');
    await expect(search.results).toHaveCount(1);
    await expect(search.results.first()).toContainText(firstTitle);
    await expect(search.marks(search.results.first())).toHaveText(['Rottnest']);
    await search.input.press('Enter');

    await expect(search.dialog).toBeHidden();
    await expect(spool.selected()).toHaveText(firstTitle);
    await expect(spool.lastReply().text).toContainText('Rottnest Island');
  });

  test('a search with quotes and stars shows no error, and says when nothing matches', async ({
    spool,
    page,
  }) => {
    await spool.newChat();
    const search = new SearchDialog(page);
    await search.openWithShortcut();
    await search.search('"unbalanced * NEAR(');
    await expect(search.dialog.getByRole('status')).toHaveText(/No messages match/);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(search.dialog).toBeHidden();
  });

  test('pinning moves a chat to the top, and it stays there after a reload', async ({ spool }) => {
    await spool.newChat();
    const older = await spool.row('New chat').rename('Older chat');
    await spool.newChat();
    await spool.row('New chat').rename('Newer chat');
    await expect(spool.rows().first()).toContainText('Newer chat');

    await older.pin();

    await expect(spool.rows().first()).toContainText('Older chat');
    await spool.reload();
    await expect(spool.rows().first()).toContainText('Older chat');
    await expect(
      spool.row('Older chat').item.getByRole('button', { name: 'Unpin conversation' }),
    ).toBeAttached();
  });

  test('deleting a chat with a reply and pressing Undo restores it with its messages', async ({
    spool,
    fake,
  }) => {
    await spool.newChat();
    say(fake, 'A reply worth keeping.', 60);
    await spool.send('Remember this');
    await expect(spool.lastReply().text).toHaveText('A reply worth keeping.');
    const title = 'A reply worth keeping'; // the provider's short answer to the title request
    await expect(spool.selected()).toHaveText(title);

    const toast = await spool.row(title).delete();
    await expect(spool.rows()).toHaveCount(0);
    await toast.getByRole('button', { name: 'Undo' }).click();

    await expect(spool.row(title).titleButton).toHaveAttribute('aria-current', 'page');
    await expect(spool.lastReply().text).toHaveText('A reply worth keeping.');
    await spool.reload();
    await expect(spool.row(title).titleButton).toBeVisible();
  });
});

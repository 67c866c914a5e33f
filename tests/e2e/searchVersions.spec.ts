import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import { SearchDialog } from './pages/SearchDialog';

/** Search finds every version of a reply, says which one, and opening it shows that branch. */
test.describe('Search over versions', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
  });

  test('text only an older version has is found as "version 1 of 2", and Enter opens that version', async ({
    spool,
    fake,
    page,
  }) => {
    await spool.newChat();
    say(fake, 'Aardvarks dig for termites at night.', 0);
    await spool.send('Name a burrowing animal');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('Aardvarks dig for termites at night.');
    say(fake, 'Moles tunnel under lawns.', 0);
    await reply.regenerateButton.click();
    await expect(reply.text).toHaveText('Moles tunnel under lawns.');
    await expect(reply.versionPosition()).toHaveText('2 / 2');
    const title = (await spool.selected().textContent())!;
    await spool.newChat();

    const search = new SearchDialog(page);
    await search.openWithShortcut();
    await search.search('termites');
    await expect(search.results).toHaveCount(1);
    await expect(search.marks(search.results.first())).toHaveText(['termites']);
    await expect(search.versionOf(search.results.first())).toHaveText(/version 1 of 2, not shown/);
    await search.input.press('Enter');

    await expect(search.dialog).toBeHidden();
    await expect(spool.selected()).toHaveText(title);
    const opened = spool.lastReply();
    await expect(opened.text).toHaveText('Aardvarks dig for termites at night.');
    await expect(opened.versionPosition()).toHaveText('1 / 2');

    // Chosen to be shown in main, not only in this window: it stays after a reload.
    await spool.reload();
    await expect(spool.lastReply().text).toHaveText('Aardvarks dig for termites at night.');
    await search.openWithShortcut();
    await search.search('termites');
    await expect(search.versionOf(search.results.first())).toHaveText(/version 1 of 2$/);
  });
});

import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import { SearchDialog } from './pages/SearchDialog';

/** A long reply, so a few of them push the first messages far above the view. */
const filler = (n: number) =>
  Array.from({ length: 40 }, (_, i) => `Line ${i + 1} of filler reply ${n}.`).join('\n\n');

/** Opening a search result lands on the match: scrolled to it, its words highlighted. */
test.describe('Search lands on the match', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
  });

  test('a result far up a long conversation opens scrolled to it with the matched words highlighted', async ({
    spool,
    fake,
    page,
  }) => {
    await spool.newChat();
    say(fake, 'The okapi is a giraffid of the Congo. An okapi eats leaves.', 0);
    await spool.send('Tell me about the okapi');
    for (let n = 1; n <= 4; n++) {
      say(fake, filler(n), 0);
      await spool.send(`Filler ${n}`);
      await expect(spool.lastReply().text).toContainText(`Line 40 of filler reply ${n}.`);
    }
    await spool.newChat();

    const search = new SearchDialog(page);
    await search.openWithShortcut();
    await search.search('giraffid');
    await expect(search.result(/Congo/)).toHaveCount(1);
    await search.input.press('Enter');

    const match = page.getByRole('article', { name: 'Assistant message' }).filter({ hasText: 'giraffid' });
    await expect(match).toBeInViewport({ ratio: 1 });
    await expect.poll(() => search.highlighted()).toEqual(['giraffid']);
  });

  test('reopening search shows the previous query selected, so typing replaces it', async ({
    spool,
    fake,
    page,
  }) => {
    await spool.newChat();
    say(fake, 'Capybaras are the largest rodents.', 0);
    await spool.send('Largest rodent?');
    await expect(spool.lastReply().text).toContainText('rodents');

    const search = new SearchDialog(page);
    await search.openWithShortcut();
    await search.search('capybaras');
    await expect(search.results).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(search.dialog).toBeHidden();

    await search.openWithShortcut();
    await expect(search.input).toHaveValue('capybaras');
    await page.keyboard.type('rodents');
    await expect(search.input).toHaveValue('rodents');
  });
});

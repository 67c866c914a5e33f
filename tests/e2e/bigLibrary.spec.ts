import { seededLibrary } from './fixtures/seed';
import { expect, test } from './fixtures/test';

const CONVERSATIONS = 2000;

/** A big library: the sidebar keeps only a screenful of rows in the page, and scrolls to any of them. */
test.describe('A big library', () => {
  test.use({ prepareDataDir: seededLibrary(CONVERSATIONS) });

  test('the sidebar of 2,000 conversations has only a screenful of rows in the page, and scrolls to the oldest', async ({
    spool,
    page,
  }) => {
    const rows = spool.conversations.getByRole('listitem');
    await expect(
      spool.conversations.getByRole('button', { name: 'Seeded conversation 2000', exact: true }),
    ).toBeVisible();
    expect(await rows.count()).toBeLessThan(60);

    const oldest = spool.conversations.getByRole('button', { name: 'Seeded conversation 1', exact: true });
    await spool.conversations.hover();
    // The wheel, as a reader scrolls, until the oldest row has been rendered and is in view.
    await expect(async () => {
      await page.mouse.wheel(0, 40_000);
      await expect(oldest).toBeInViewport({ timeout: 1000 });
    }).toPass();
    expect(await rows.count()).toBeLessThan(60);
    await oldest.click();
    await expect(spool.chatTitle).toHaveText('Seeded conversation 1');
  });
});

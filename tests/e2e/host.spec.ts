import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';

test.describe('Browser-mode host', () => {
  test('a request without the token gets 401', async ({ host, request }) => {
    const withoutToken = await request.get(`${host.origin}/`);
    expect(withoutToken.status()).toBe(401);

    const withToken = await request.get(host.url);
    expect(withToken.status()).toBe(200);
  });

  test('a request with a wrong token gets 401', async ({ host, request }) => {
    const response = await request.get(`${host.origin}/?token=not-the-token-${'x'.repeat(20)}`);
    expect(response.status()).toBe(401);
  });

  test('the page says it is reconnecting when the host goes away', async ({ spool, host, page }) => {
    await spool.newChat();
    await host.kill();

    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible();
    await expect(spool.row('New chat').titleButton).toBeVisible(); // what was shown stays shown
  });

  test.describe('with a corrupt database', () => {
    test.use({
      // eslint-disable-next-line no-empty-pattern
      prepareDataDir: async ({}, use) => {
        await use((dir: string) => {
          // Any file that is not SQLite: the host must move it aside, not delete it.
          writeFileSync(join(dir, 'spool.db'), 'this is not a database\n'.repeat(200));
        });
      },
    });

    test('the page shows a start-up notice that the database was moved aside', async ({ spool, page }) => {
      const notice = page.getByRole('alert').filter({ hasText: /corrupt/i });
      await expect(notice).toBeVisible();

      await notice.getByRole('button', { name: 'Dismiss notice' }).click();
      await expect(notice).toBeHidden();
      await expect(spool.conversations).toBeVisible();
    });
  });
});

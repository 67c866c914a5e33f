import { rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';

test.describe('Browser-mode host', () => {
  test('the API refuses a request without the token with 401', async ({ host, request }) => {
    expect((await request.get(`${host.origin}/auth/check`)).status()).toBe(401);
    const token = new URL(host.url).searchParams.get('token')!;
    const withToken = await request.get(`${host.origin}/auth/check`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(withToken.status()).toBe(204);
  });

  test('a request with a wrong token gets 401', async ({ host, request }) => {
    const response = await request.get(`${host.origin}/auth/check`, {
      headers: { Authorization: `Bearer not-the-token-${'x'.repeat(20)}` },
    });
    expect(response.status()).toBe(401);
  });

  test('the token leaves the address bar once the page read it, and a reload still connects', async ({
    spool,
    page,
  }) => {
    expect(page.url()).not.toContain('token');
    await page.reload();
    await spool.waitUntilLoaded();
    await spool.newChat();
    await expect(spool.row('New chat').titleButton).toBeVisible();
  });

  test('no cookie is set, so another server on 127.0.0.1 receives nothing of the token', async ({
    spool,
    host,
    page,
    context,
  }) => {
    await spool.newChat();
    expect(await context.cookies()).toEqual([]);
    const seen: (string | undefined)[] = [];
    const other = http.createServer((req, res) => {
      seen.push(req.headers.cookie);
      res.end('other server');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect(page.getByText('other server')).toBeVisible();
      expect(seen).toEqual([undefined]);
      expect(JSON.stringify(seen)).not.toContain(new URL(host.url).searchParams.get('token')!);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  test('an open tab reconnects by itself after the host restarts on the same data folder', async ({
    spool,
    host,
    page,
  }) => {
    await spool.newChat();
    await host.restart({ samePort: true });
    await expect(page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeHidden();
    await spool.newChat();
    await expect(spool.row('New chat').titleButton).toHaveCount(2);
  });

  test('a tab whose token the host no longer takes says to open the printed URL, instead of reconnecting forever', async ({
    spool,
    host,
    page,
  }) => {
    await spool.newChat();
    // A new token: the remembered one is gone (as when the user deletes it to rotate it).
    await host.stop();
    rmSync(join(host.dataDir, 'browser-mode.json'));
    await host.restart({ samePort: true });
    await expect(page.getByRole('alert').filter({ hasText: 'no longer valid' })).toBeVisible();
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

import { seededLibrary } from './fixtures/seed';
import { expect, test } from './fixtures/test';
import { SpoolPage } from './pages/SpoolPage';

const CONVERSATIONS = 1000;

/** The sidebar asks for the list a page at a time, and changes travel as one conversation each. */
test.describe('The conversation list in pages', () => {
  test.use({ prepareDataDir: seededLibrary(CONVERSATIONS) });

  test('scrolling the sidebar loads older conversations, a page at a time', async ({ page, host }) => {
    const pagesAsked: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (String(payload).includes('"conversations.page"')) pagesAsked.push(String(payload));
      }),
    );
    const spool = new SpoolPage(page);
    await spool.open(host.url);
    await expect(spool.row('Seeded conversation 1000').titleButton).toBeVisible();
    expect(pagesAsked).toHaveLength(1);

    const oldest = spool.row('Seeded conversation 1').titleButton;
    await spool.conversations.hover();
    await expect(async () => {
      await page.mouse.wheel(0, 20_000);
      await expect(oldest).toBeInViewport({ timeout: 1000 });
    }).toPass();
    expect(pagesAsked.length).toBeGreaterThan(5);
    expect(pagesAsked.filter((p) => p.includes('"after"')).length).toBe(pagesAsked.length - 1);
  });

  test('a rename in one tab shows in another without a reload', async ({ spool, page, host }) => {
    const other = new SpoolPage(await page.context().newPage());
    await other.open(host.url);
    await spool.row('Seeded conversation 1000').rename('Renamed in the first tab');
    await expect(other.row('Renamed in the first tab').titleButton).toBeVisible();
    await expect(other.row('Seeded conversation 1000').titleButton).toHaveCount(0);
  });

  test('a conversation created in one tab appears at the top of another', async ({ spool, page, host }) => {
    const other = new SpoolPage(await page.context().newPage());
    await other.open(host.url);
    // Not spool.newChat(): it counts rows, and a virtualised list of 1,000 renders only some.
    await spool.newChatButton.click();
    await expect(spool.chatTitle).toHaveText('New chat');
    await expect(other.row('New chat').titleButton).toBeVisible();
    await expect(other.rows().first()).toContainText('New chat');
  });
});

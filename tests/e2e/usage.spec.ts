import type { Page } from '@playwright/test';
import type { FakeProvider } from '../fake-provider/server';
import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import type { SpoolPage } from './pages/SpoolPage';

/** The fake provider reports 10 input tokens and one output token per piece it streams. */
test.describe('Usage', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, 'Counted words here.', 200);
  });

  test('a reply shows the tokens its provider counted, and the header sums the conversation', async ({
    spool,
    page,
  }) => {
    await spool.send('First');
    const first = spool.lastReply();
    await expect(first.text).toHaveText('Counted words here.');
    const tokens = first.article.getByLabel('Tokens');
    await expect(tokens).toHaveText(/^10 in · [1-9]\d* out tokens$/);
    const out = Number(/· (\d+) out/.exec((await tokens.textContent())!)![1]);

    await spool.send('Second');
    await expect(spool.lastReply().text).toHaveText('Counted words here.');
    const header = page.getByLabel('Conversation tokens');
    await expect(header).toHaveText(`20 in · ${2 * out} out tokens`);

    await spool.reload();
    await expect(spool.lastReply().article.getByLabel('Tokens')).toHaveText(`10 in · ${out} out tokens`);
    await expect(header).toHaveText(`20 in · ${2 * out} out tokens`);
  });
});

/** One reply whose tokens the header shows, its chat titled. */
async function replyWithUsage(spool: SpoolPage, fake: FakeProvider, page: Page): Promise<void> {
  await spool.addProviderInOnboarding(fakeProviderSettings(fake));
  await spool.newChat();
  say(fake, 'Counted words here.', 0);
  await spool.send('Why would a chat app write every streamed token to SQLite?');
  await expect(page.getByLabel('Conversation tokens')).toBeVisible();
  await expect(spool.selected()).not.toHaveText('New chat');
}

test.describe('Usage in a narrow header', () => {
  test('the conversation title keeps its room and the header buttons stay on one line', async ({
    spool,
    fake,
    page,
  }) => {
    await page.setViewportSize({ width: 1200, height: 760 });
    await replyWithUsage(spool, fake, page);
    const heading = page.locator('.chat-title');
    // At the header's 15 px: ten characters of title, and buttons one line tall.
    await expect(heading).toHaveCSS('font-size', '15px');
    const title = (await heading.boundingBox())!;
    const settings = (await page.getByRole('button', { name: 'Conversation settings' }).boundingBox())!;
    expect(title.width).toBeGreaterThanOrEqual(150);
    expect(settings.height).toBeLessThan(42);
  });

  test('at the narrowest window with the sidebar shown, the header still fits: every control on screen', async ({
    spool,
    fake,
    page,
  }) => {
    await replyWithUsage(spool, fake, page);
    await page.setViewportSize({ width: 720, height: 700 });
    const show = page.getByRole('button', { name: 'Show sidebar' });
    if (await show.isVisible()) await show.click();
    await expect(page.getByRole('complementary')).toBeVisible();
    const header = page.locator('.chat-header');
    for (const control of await header.getByRole('button').all())
      await expect(control).toBeInViewport({ ratio: 1 });
    await expect(header.locator('.chat-title')).toBeInViewport({ ratio: 1 });
  });
});

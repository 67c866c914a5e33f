import { expectAccessible } from './fixtures/axe';
import { failWith, fakeProviderSettings, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { DiagnosticsDialog } from './pages/DiagnosticsDialog';
import { FolderList } from './pages/FolderList';
import { InspectorDialog } from './pages/InspectorDialog';
import { SearchDialog } from './pages/SearchDialog';

/** axe-core on every view, light and dark: no serious or critical violation anywhere. */
for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`Accessibility (${colorScheme})`, () => {
    test.use({ colorScheme });

    test('first run: the onboarding with both ways to start', async ({ spool, page }) => {
      await expect(spool.onboarding).toBeVisible();
      await expectAccessible(page, 'onboarding');
    });

    test('the sidebar with folders, a folder shown, its menu open and the filter box', async ({
      spool,
      page,
    }) => {
      const folders = new FolderList(page);
      await spool.newChat();
      await folders.create('Travel');
      await folders.drop(spool.row('New chat'), 'Travel');
      await folders.show('Travel');
      await folders.filter.fill('new');
      await page.getByRole('button', { name: 'Folder actions: Travel' }).click();
      await expect(page.getByRole('menuitem', { name: 'Delete folder' })).toBeVisible();
      await expectAccessible(page, 'folders');
    });

    test('a conversation with Markdown, math, versions and an error, and its dialogs', async ({
      spool,
      fake,
      page,
    }) => {
      await spool.addProviderInOnboarding(fakeProviderSettings(fake));
      await expectAccessible(page, 'empty library');
      say(
        fake,
        '# Title\n\nSome **bold** text, `code`, a [link](https://example.com) and $x^2$.\n\n```ts\nconst a = 1;\n```\n\n| A | B |\n| - | - |\n| 1 | 2 |',
        0,
      );
      await spool.send('Show me Markdown');
      const reply = spool.lastReply();
      await expect(reply.text).toContainText('const a = 1;');
      say(fake, 'A second version.', 0);
      await reply.regenerateButton.click();
      await expect(reply.versionPosition()).toHaveText('2 / 2');
      failWith(fake, 401, 'Bad key (scripted 401).');
      await spool.send('And now fail');
      await expect(spool.lastReply().status('Error')).toBeVisible();
      await expectAccessible(page, 'conversation');

      const search = new SearchDialog(page);
      await search.openWithShortcut();
      await search.search('Markdown');
      await expect(search.results.first()).toBeVisible();
      await expectAccessible(page, 'search');
      await page.keyboard.press('Escape');

      const inspector = new InspectorDialog(page);
      await inspector.open(reply);
      await expectAccessible(page, 'stream inspector');
      await inspector.close();

      await spool.openSettings();
      await expectAccessible(page, 'settings');
      await page.keyboard.press('Escape');

      const diagnostics = new DiagnosticsDialog(page);
      await diagnostics.open();
      await expectAccessible(page, 'diagnostics');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+/');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await expectAccessible(page, 'shortcut sheet');
    });
  });
}

test('every control Tab reaches shows where the focus is', async ({ spool, fake, page }) => {
  await spool.addProviderInOnboarding(fakeProviderSettings(fake));
  say(fake, 'A reply with `code`.', 0);
  await spool.send('Hello');
  await expect(spool.lastReply().text).toContainText('code');
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate<string>(FOCUSED_NAME);
    if (!name) continue;
    seen.add(name);
    // Polled: a ring may fade in (a transition).
    await expect
      .poll(() => page.evaluate<boolean>(FOCUS_RING_SHOWN), { message: `focus ring on ${name}` })
      .toBe(true);
  }
  expect(seen.size).toBeGreaterThan(8);
});

const FOCUSED_NAME = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '';
  return el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
})()`;

/** An outline or ring on the focused element, or (a field inside a box, like the composer) on the box around it. */
const FOCUS_RING_SHOWN = `(() => {
  const ringed = (el) => {
    const style = getComputedStyle(el);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow.includes('0px 0px 0px');
  };
  const el = document.activeElement;
  return ringed(el) || [el.parentElement, el.parentElement?.parentElement].some((box) => box && ringed(box));
})()`;

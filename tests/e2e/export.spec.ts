import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import { downloadedText, Exports } from './pages/Exports';

/** Exports in browser mode: each menu downloads the file from the host, byte for byte. */
test.describe('Export', () => {
  // Multi-byte characters, so a decoding or re-joining slip shows in the bytes.
  const reply = 'Grüße aus Köln — 東京 and 🎉 emoji, exactly as streamed.';

  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, reply, 60);
    await spool.send('Say something international');
    await expect(spool.lastReply().text).toHaveText(reply);
    await expect(spool.lastReply().regenerateButton).toBeVisible();
  });

  test('exporting a reply as Text downloads exactly the scripted reply', async ({ spool, page }) => {
    const exports = new Exports(page);
    const download = await exports.exportMessage(spool.lastReply(), 'Text');
    expect(await downloadedText(download)).toBe(reply);
  });

  test('exporting the conversation as JSON downloads both messages', async ({ page }) => {
    const exports = new Exports(page);
    const download = await exports.exportConversation('JSON');
    const doc = JSON.parse(await downloadedText(download)) as {
      format: string;
      messages: { role: string; parts: unknown }[];
    };
    expect(doc.format).toBe('spool-conversation');
    expect(doc.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(JSON.stringify(doc.messages)).toContain(JSON.stringify(reply).slice(1, -1));
  });

  test('exporting the library as a JSON file downloads every conversation', async ({ page }) => {
    const exports = new Exports(page);
    const download = await exports.exportLibrary('JSON file');
    const doc = JSON.parse(await downloadedText(download)) as { format: string; conversations: unknown[] };
    expect(doc.format).toBe('spool-library');
    expect(doc.conversations).toHaveLength(1);
  });

  test('the export menu moves with the arrow keys and Esc closes it, back on its button', async ({
    page,
  }) => {
    const exports = new Exports(page);
    const button = exports.conversationButton();
    await button.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'Export conversation' });
    await expect(menu.getByRole('menuitem', { name: 'Markdown' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'JSON' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Markdown' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  test('a click outside the export menu closes it', async ({ spool, page }) => {
    const exports = new Exports(page);
    await exports.libraryButton().click();
    const menu = page.getByRole('menu', { name: 'Export library' });
    await expect(menu.getByRole('menuitem')).toHaveText(['JSON file', 'Markdown folder']);
    await spool.chatTitle.click();
    await expect(menu).toBeHidden();
    await expect(exports.libraryButton()).toHaveAttribute('aria-expanded', 'false');
  });

  test('a reply offers Text, Markdown, its chunk log and the raw provider events', async ({
    spool,
    page,
  }) => {
    const exports = new Exports(page);
    const reply = spool.lastReply();
    await reply.article.hover();
    await exports.messageButton(reply).click();
    await expect(page.getByRole('menu', { name: 'Export' }).getByRole('menuitem')).toHaveText([
      'Text',
      'Markdown',
      'Chunk log (JSONL)',
      'Raw provider events',
    ]);
  });
});

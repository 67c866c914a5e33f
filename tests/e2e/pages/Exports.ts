import fs from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import type { MessageView } from './MessageView';

/**
 * The export menus (a reply's `Export`, the header's `Export conversation`, the
 * sidebar's `Export library`) and what they download in browser mode.
 */
export class Exports {
  /** The progress and "Saved to" toasts. */
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.progress = page.getByRole('progressbar', { name: /^Exporting/ });
  }

  /** Opens the menu behind `button`, picks `format`, and returns the browser download it starts. */
  async pick(button: Locator, format: string): Promise<Download> {
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const menu = this.page.getByRole('menu');
    const downloading = this.page.waitForEvent('download');
    await menu.getByRole('menuitem', { name: format, exact: true }).click();
    await expect(menu).toBeHidden();
    return downloading;
  }

  messageButton(message: MessageView): Locator {
    return message.article.getByRole('button', { name: 'Export', exact: true });
  }

  async exportMessage(message: MessageView, format: string): Promise<Download> {
    await message.article.hover();
    return this.pick(this.messageButton(message), format);
  }

  conversationButton(): Locator {
    return this.page.getByRole('button', { name: 'Export conversation', exact: true });
  }

  async exportConversation(format: string): Promise<Download> {
    return this.pick(this.conversationButton(), format);
  }

  libraryButton(): Locator {
    return this.page.getByRole('complementary').getByRole('button', { name: 'Export library', exact: true });
  }

  async exportLibrary(format: string): Promise<Download> {
    return this.pick(this.libraryButton(), format);
  }
}

/** The downloaded file's bytes as UTF-8 text. */
export async function downloadedText(download: Download): Promise<string> {
  const failure = await download.failure();
  if (failure) throw new Error(`Download of ${download.suggestedFilename()} failed: ${failure}`);
  return fs.readFile(await download.path(), 'utf8');
}

import { expect, type Locator, type Page } from '@playwright/test';

/** The Ctrl/Cmd+K search dialog: a searchbox and a listbox of results. */
export class SearchDialog {
  readonly dialog: Locator;
  readonly input: Locator;
  readonly results: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Search' });
    this.input = this.dialog.getByRole('searchbox', { name: 'Search messages' });
    this.results = this.dialog.getByRole('listbox', { name: 'Results' }).getByRole('option');
  }

  /** Opens it with the keyboard shortcut and waits for the searchbox to have focus. */
  async openWithShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.input).toBeFocused();
  }

  async search(query: string): Promise<void> {
    await this.input.fill(query);
  }

  /** The highlighted words (<mark>) of a result. */
  marks(result: Locator): Locator {
    return result.locator('mark');
  }

  /** The text of every range in the page marked as a search match (CSS custom highlight). */
  highlighted(): Promise<string[]> {
    return this.page.evaluate<string[]>(
      "[...(CSS.highlights.get('search-match') ?? [])].map((range) => range.toString().toLowerCase())",
    );
  }

  /** The result whose snippet has this text. */
  result(text: string | RegExp): Locator {
    return this.results.filter({ hasText: text });
  }

  /** Where a result stands among its versions, as the dialog says it: "version 2 of 3". */
  versionOf(result: Locator): Locator {
    return result.getByText(/version \d+ of \d+/);
  }
}

import { expect, type Locator, type Page } from '@playwright/test';

/** One conversation in the sidebar, found by its title. */
export class ConversationRow {
  readonly item: Locator;
  readonly titleButton: Locator;

  constructor(
    private readonly page: Page,
    private readonly list: Locator,
    readonly title: string,
  ) {
    // Inside `has`, a page-rooted locator is matched relative to each list item.
    const titled = page.getByRole('button', { name: title, exact: true });
    this.item = list.getByRole('listitem').filter({ has: titled });
    this.titleButton = this.item.getByRole('button', { name: title, exact: true });
  }

  async select(): Promise<void> {
    await this.titleButton.click();
    await expect(this.titleButton).toHaveAttribute('aria-current', 'page');
  }

  /** Renames inline: Rename, type the title, Enter. Returns the row under its new title. */
  async rename(newTitle: string): Promise<ConversationRow> {
    await this.item.hover();
    await this.item.getByRole('button', { name: 'Rename conversation' }).click();
    // While editing, the row shows a textbox instead of its title, so look in the list.
    const input = this.list.getByRole('textbox', { name: 'Conversation title' });
    await expect(input).toBeFocused();
    await input.fill(newTitle);
    await input.press('Enter');
    const renamed = new ConversationRow(this.page, this.list, newTitle);
    await expect(renamed.titleButton).toBeVisible();
    return renamed;
  }

  /** Deletes it (no confirmation) and returns the toast that offers Undo. */
  async delete(): Promise<Locator> {
    await this.item.hover();
    await this.item.getByRole('button', { name: 'Delete conversation' }).click();
    const toast = this.page.getByRole('status').filter({ hasText: 'Conversation deleted' });
    await expect(toast).toBeVisible();
    return toast;
  }

  async pin(): Promise<void> {
    await this.item.hover();
    await this.item.getByRole('button', { name: 'Pin conversation' }).click();
    await expect(this.item.getByRole('button', { name: 'Unpin conversation' })).toBeAttached();
  }
}

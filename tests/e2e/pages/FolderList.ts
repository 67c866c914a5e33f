import { expect, type Locator, type Page } from '@playwright/test';
import type { ConversationRow } from './ConversationRow';

/** The sidebar's folders and its filter box. */
export class FolderList {
  readonly region: Locator;
  readonly filter: Locator;

  constructor(private readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Folders' });
    this.filter = page.getByRole('searchbox', { name: 'Filter conversations by title' });
  }

  folder(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  async create(name: string): Promise<void> {
    await this.region.getByRole('button', { name: 'New folder' }).click();
    const input = this.region.getByRole('textbox', { name: 'New folder name' });
    await expect(input).toBeFocused();
    await input.fill(name);
    await input.press('Enter');
    await expect(this.folder(name)).toBeVisible();
  }

  /** Shows only that folder's conversations (null: all of them). */
  async show(name: string | null): Promise<void> {
    const button = name === null ? this.folder('All chats') : this.folder(name);
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'true');
  }

  /** Opens the folder's menu and picks an item (Rename folder, Delete folder, Export …). */
  async action(name: string, item: string): Promise<void> {
    await this.region.getByRole('button', { name: `Folder actions: ${name}` }).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  /** Drags the conversation's row onto the folder, as a mouse user does. */
  async drop(row: ConversationRow, name: string): Promise<void> {
    // Grab the title's start: the row's action buttons cover its other end while hovered.
    await row.titleButton.dragTo(this.folder(name), { sourcePosition: { x: 8, y: 8 } });
  }

  /** Moves the conversation with its "Move to folder" menu, by keyboard only. */
  async moveByKeyboard(row: ConversationRow, name: string): Promise<void> {
    await row.titleButton.focus();
    const menu = row.item.getByRole('button', { name: 'Move to folder' });
    await menu.focus();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('menuitem').first()).toBeFocused();
    const focused = this.page.locator('[role="menuitem"]:focus');
    for (let i = 0; i < 20 && (await focused.textContent()) !== `Move to ${name}`; i++) {
      await this.page.keyboard.press('ArrowDown');
    }
    await expect(focused).toHaveText(`Move to ${name}`);
    await this.page.keyboard.press('Enter');
  }
}

import { expect, type Locator, type Page } from '@playwright/test';
import { ConversationRow } from './ConversationRow';

/**
 * The first screen as a user sees it: found by roles and names, never by CSS, so
 * these steps also check that the UI is accessible.
 */
export class SpoolPage {
  readonly conversations: Locator;
  /** The sidebar header's button; new conversations are titled "New chat" too, so the list is left out. */
  readonly newChatButton: Locator;
  readonly chatTitle: Locator;
  readonly composer: Locator;
  readonly sendButton: Locator;

  constructor(readonly page: Page) {
    this.conversations = page.getByRole('navigation', { name: 'Conversations' });
    this.newChatButton = page
      .getByRole('complementary')
      .locator('header')
      .getByRole('button', { name: 'New chat', exact: true });
    this.chatTitle = page.getByRole('heading', { level: 1 });
    this.composer = page.getByRole('textbox', { name: 'Message', exact: true });
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
  }

  /** Opens the page and waits until the conversation list has arrived from the host. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilLoaded();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded(): Promise<void> {
    await expect(this.conversations).toHaveAttribute('aria-busy', 'false');
  }

  rows(): Locator {
    return this.conversations.getByRole('listitem');
  }

  row(title: string): ConversationRow {
    return new ConversationRow(this.page, this.conversations, title);
  }

  /** Clicks "New chat" and waits for the new conversation to be selected. */
  async newChat(): Promise<void> {
    const before = await this.rows().count();
    await this.newChatButton.click();
    await expect(this.rows()).toHaveCount(before + 1);
    await expect(this.conversations.locator('[aria-current="page"]')).toHaveCount(1);
  }

  /** The title of the selected conversation, as the sidebar shows it. */
  selected(): Locator {
    return this.conversations.locator('[aria-current="page"]');
  }
}

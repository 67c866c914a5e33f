import { expect, type Locator, type Page } from '@playwright/test';
import { ConversationRow } from './ConversationRow';
import { MessageView } from './MessageView';
import { ProviderForm, type ProviderFields } from './ProviderForm';
import { SettingsDialog } from './SettingsDialog';

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
  readonly stopButton: Locator;
  readonly messages: Locator;
  /** The first-run panel shown while no provider is configured. */
  readonly onboarding: Locator;
  readonly settingsButton: Locator;
  readonly modelPicker: Locator;

  constructor(readonly page: Page) {
    this.conversations = page.getByRole('navigation', { name: 'Conversations' });
    this.newChatButton = page
      .getByRole('complementary')
      .locator('header')
      .getByRole('button', { name: 'New chat', exact: true });
    this.chatTitle = page.getByRole('heading', { level: 1 });
    this.composer = page.getByRole('textbox', { name: 'Message', exact: true });
    this.sendButton = page.getByRole('button', { name: 'Send', exact: true });
    this.stopButton = page.getByRole('button', { name: 'Stop', exact: true });
    this.messages = page.getByRole('log', { name: 'Messages' });
    this.onboarding = page.getByRole('region', { name: 'Add a provider' });
    this.settingsButton = page.getByRole('complementary').getByRole('button', { name: 'Settings' });
    this.modelPicker = page.getByRole('combobox', { name: 'Model' });
  }

  /** First run: adds a provider through the onboarding form and waits until the composer can send. */
  async addProviderInOnboarding(fields: ProviderFields): Promise<void> {
    const form = new ProviderForm(this.onboarding);
    await form.fill(fields);
    await form.saveButton.click();
    await expect(this.onboarding).toBeHidden();
    await expect(this.composer).toHaveAttribute('placeholder', 'Write a message…');
  }

  async openSettings(): Promise<SettingsDialog> {
    await this.settingsButton.click();
    const settings = new SettingsDialog(this.page);
    await expect(settings.dialog).toBeVisible();
    return settings;
  }

  /** Types a message and presses Enter; waits until it shows as sent. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    // Enter is a no-op until a model is known (e.g. a local model still being scanned).
    await expect(this.sendButton).toBeEnabled();
    await this.composer.press('Enter');
    // The message list is virtualised, so counting rendered messages says nothing once tall
    // replies push earlier ones out of the DOM; the newest user message is always rendered.
    await expect(this.composer).toHaveValue('');
    await expect(this.messagesFrom('You').last()).toContainText(text.trim().split('\n')[0]!);
  }

  messagesFrom(who: 'You' | 'Assistant'): Locator {
    return this.messages.getByRole('article', { name: `${who} message` });
  }

  /** The newest assistant reply. */
  lastReply(): MessageView {
    return new MessageView(this.messagesFrom('Assistant').last());
  }

  lastUserMessage(): MessageView {
    return new MessageView(this.messagesFrom('You').last());
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

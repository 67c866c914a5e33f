import { expect, type Locator, type Page } from '@playwright/test';

/** The header's "Conversation settings": the conversation's system prompt and parameters. */
export class ConversationSettingsDialog {
  readonly dialog: Locator;
  readonly useDefault: Locator;
  readonly systemPrompt: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Conversation settings' });
    this.useDefault = this.dialog.getByRole('checkbox', {
      name: 'Use the default system prompt from Settings',
    });
    this.systemPrompt = this.dialog.getByRole('textbox', { name: 'System prompt' });
    this.saveButton = this.dialog.getByRole('button', { name: 'Save' });
  }

  static async open(page: Page): Promise<ConversationSettingsDialog> {
    await page.getByRole('button', { name: 'Conversation settings' }).click();
    const dialog = new ConversationSettingsDialog(page);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /** A parameter's input by its label (Temperature, Top-p, Max output tokens). */
  field(label: string): Locator {
    return this.dialog.getByRole('spinbutton', { name: label, exact: true });
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.dialog).toBeHidden();
  }
}

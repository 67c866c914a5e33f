import { expect, type Locator } from '@playwright/test';

/** One message in the log: its text, its status, and its action buttons. */
export class MessageView {
  readonly text: Locator;
  readonly continueButton: Locator;
  readonly regenerateButton: Locator;
  readonly editButton: Locator;
  readonly copyButton: Locator;

  constructor(readonly article: Locator) {
    this.text = article.getByTestId('message-text');
    this.continueButton = article.getByRole('button', { name: 'Continue', exact: true });
    this.regenerateButton = article.getByRole('button', { name: 'Regenerate', exact: true });
    this.editButton = article.getByRole('button', { name: 'Edit', exact: true });
    this.copyButton = article.getByRole('button', { name: 'Copy', exact: true });
  }

  /** The badge of an unfinished state: Streaming, Interrupted, Error, Cancelled, Not being saved. */
  status(label: string): Locator {
    return this.article.getByText(label, { exact: true });
  }

  async currentText(): Promise<string> {
    return (await this.text.textContent()) ?? '';
  }

  /** Waits until the text is longer than `than` characters, and returns it. */
  async textLongerThan(than: number): Promise<string> {
    await expect.poll(async () => (await this.currentText()).length).toBeGreaterThan(than);
    return this.currentText();
  }

  async continue(): Promise<void> {
    await this.continueButton.click();
  }

  /** Inline edit: Edit, replace the text, Save and resend. */
  async editAndResend(text: string): Promise<void> {
    await this.article.hover();
    await this.editButton.click();
    const editor = this.article.getByRole('textbox', { name: 'Edit message' });
    await editor.fill(text);
    await this.article.getByRole('button', { name: 'Save and resend' }).click();
  }
}

import { expect, type Locator } from '@playwright/test';

/** One message in the log: its text, its status, its versions and its action buttons. */
export class MessageView {
  readonly text: Locator;
  /** "Continue", or "Continue with <model>" when the reply names the model that wrote it. */
  readonly continueButton: Locator;
  readonly regenerateButton: Locator;
  readonly editButton: Locator;
  readonly copyButton: Locator;
  /** The `‹ 2 / 3 ›` switcher, present while the message has other versions. */
  readonly versions: Locator;
  readonly previousVersionButton: Locator;
  readonly nextVersionButton: Locator;
  /** What a screen reader hears on the switcher: "Version 2 of 3." (and who still streams). */
  readonly versionAnnouncement: Locator;
  readonly moreActionsButton: Locator;
  /** A reply's header: the model that wrote it (a plain span: no role fits, hence a test id)… */
  readonly model: Locator;
  /** …and when: local time, the date too for another day, the full date in its title. */
  readonly time: Locator;

  constructor(readonly article: Locator) {
    this.text = article.getByTestId('message-text');
    this.continueButton = article.getByRole('button', { name: /^Continue( with .+)?$/ });
    this.regenerateButton = article.getByRole('button', { name: 'Regenerate', exact: true });
    this.editButton = article.getByRole('button', { name: 'Edit', exact: true });
    this.copyButton = article.getByRole('button', { name: 'Copy', exact: true });
    this.versions = article.getByRole('group', { name: /^Versions of this / });
    this.previousVersionButton = this.versions.getByRole('button', { name: 'Previous version' });
    this.nextVersionButton = this.versions.getByRole('button', { name: 'Next version' });
    this.versionAnnouncement = this.versions.getByRole('status');
    this.moreActionsButton = article.getByRole('button', { name: 'More actions' });
    this.model = article.getByTestId('message-model');
    this.time = article.locator('time');
  }

  /** The badge of an unfinished state: Streaming, Interrupted, Error, Cancelled, Not being saved. */
  status(label: string): Locator {
    return this.article.getByText(label, { exact: true });
  }

  /** The switcher's visible position, e.g. "2 / 3". */
  versionPosition(): Locator {
    return this.versions.getByText(/^\d+ \/ \d+$/);
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

  /** Shows the version at `position` (1-based) with the switcher's buttons. */
  async showVersion(position: number): Promise<void> {
    const at = async () => Number(/^(\d+)/.exec((await this.versionPosition().textContent()) ?? '')?.[1]);
    for (let now = await at(); now !== position; now = await at()) {
      await (now > position ? this.previousVersionButton : this.nextVersionButton).click();
      await expect(this.versionPosition()).not.toHaveText(new RegExp(`^${now} /`));
    }
  }

  /** "More actions" → one of its menu items, e.g. "Delete this version". */
  async chooseAction(name: string): Promise<void> {
    await this.article.hover();
    await this.moreActionsButton.click();
    await this.article.getByRole('menuitem', { name, exact: true }).click();
  }
}

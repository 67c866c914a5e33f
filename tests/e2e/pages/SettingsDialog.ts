import { expect, type Locator, type Page } from '@playwright/test';
import { ProviderForm, type ProviderFields } from './ProviderForm';

/** The Settings dialog: model providers with add, edit and delete. */
export class SettingsDialog {
  readonly dialog: Locator;
  readonly providers: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Settings' });
    this.providers = this.dialog.getByRole('list', { name: 'Providers' });
  }

  provider(name: string): Locator {
    return this.providers.getByRole('listitem').filter({ hasText: name });
  }

  /** Add provider: the empty form for a new one. */
  async newProviderForm(): Promise<ProviderForm> {
    await this.dialog.getByRole('button', { name: 'Add provider' }).click();
    return new ProviderForm(this.dialog.getByRole('group', { name: 'New provider' }));
  }

  async addProvider(fields: ProviderFields): Promise<void> {
    const form = await this.newProviderForm();
    await form.fill(fields);
    await form.saveButton.click();
    await expect(this.provider(fields.name)).toBeVisible();
  }

  /** Opens the edit form of a provider. */
  async edit(name: string): Promise<ProviderForm> {
    await this.dialog.getByRole('button', { name: `Edit ${name}` }).click();
    return new ProviderForm(this.dialog.getByRole('group', { name: `Edit ${name}` }));
  }

  /** Settings → Sync: the status line, the two fields and the buttons. */
  sync() {
    const section = this.dialog.getByRole('region', { name: 'Sync' });
    return {
      status: this.dialog.getByRole('status', { name: 'Sync status' }),
      url: this.dialog.getByLabel('PostgreSQL connection string'),
      passphrase: this.dialog.getByLabel('Sync passphrase'),
      turnOn: this.dialog.getByRole('button', { name: 'Turn on sync' }),
      turnOff: this.dialog.getByRole('button', { name: 'Turn off sync' }),
      error: section.getByRole('alert'),
    };
  }

  /** Settings → Defaults: whether the model names new conversations (on by default). */
  generatedTitles(): Locator {
    return this.dialog.getByRole('checkbox', { name: 'Let the model name new conversations' });
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close settings' }).click();
    await expect(this.dialog).toBeHidden();
  }
}

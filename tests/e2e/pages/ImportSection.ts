import type { Locator, Page } from '@playwright/test';

/** Settings → Import in browser mode: a file input, progress with counts, and the outcome. */
export class ImportSection {
  readonly section: Locator;
  readonly fileInput: Locator;
  readonly progress: Locator;
  readonly status: Locator;
  readonly cancelButton: Locator;
  readonly alert: Locator;

  constructor(page: Page) {
    this.section = page.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Import' });
    this.fileInput = this.section.getByLabel('Choose an export to import');
    this.progress = this.section.getByRole('progressbar', { name: 'Importing' });
    this.status = this.section.getByRole('status');
    this.cancelButton = this.section.getByRole('button', { name: 'Cancel import' });
    this.alert = this.section.getByRole('alert');
  }

  async importFile(file: string): Promise<void> {
    await this.fileInput.setInputFiles(file);
  }
}

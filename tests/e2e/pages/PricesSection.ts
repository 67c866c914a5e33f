import { expect, type Locator } from '@playwright/test';

/** Settings → Prices: a row per model with its input and output price per million tokens. */
export class PricesSection {
  constructor(readonly dialog: Locator) {}

  async add(model: string, inputPerMillion: string, outputPerMillion: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add a price' }).click();
    const row = this.dialog.getByRole('list', { name: 'Prices' }).getByRole('listitem').last();
    await row.getByLabel('Model name').fill(model);
    await row.getByLabel('Input per million').fill(inputPerMillion);
    await row.getByLabel('Output per million').fill(outputPerMillion);
    const save = this.dialog.getByRole('button', { name: 'Save prices' });
    await save.click();
    await expect(save).toBeDisabled();
  }
}

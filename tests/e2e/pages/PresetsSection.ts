import { expect, type Locator } from '@playwright/test';

export interface PresetFieldsToType {
  name: string;
  systemPrompt?: string;
  temperature?: string;
}

/** Settings → Presets: New preset, Edit and Delete per preset, and the form they open. */
export class PresetsSection {
  readonly list: Locator;

  constructor(readonly dialog: Locator) {
    this.list = dialog.getByRole('list', { name: 'Presets' });
  }

  row(name: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: name });
  }

  async create(fields: PresetFieldsToType): Promise<void> {
    await this.dialog.getByRole('button', { name: 'New preset' }).click();
    await this.fill(this.dialog.getByRole('form', { name: 'New preset' }), fields);
    await expect(this.row(fields.name)).toBeVisible();
  }

  async edit(name: string, fields: PresetFieldsToType): Promise<void> {
    await this.dialog.getByRole('button', { name: `Edit ${name}` }).click();
    await this.fill(this.dialog.getByRole('form', { name: `Edit preset ${name}` }), fields);
  }

  async delete(name: string): Promise<void> {
    await this.dialog.getByRole('button', { name: `Delete ${name}` }).click();
  }

  private async fill(form: Locator, fields: PresetFieldsToType): Promise<void> {
    await form.getByLabel('Preset name').fill(fields.name);
    if (fields.systemPrompt !== undefined)
      await form.getByLabel('Preset system prompt').fill(fields.systemPrompt);
    if (fields.temperature !== undefined) await form.getByLabel('Temperature').fill(fields.temperature);
    await form.getByRole('button', { name: 'Save preset' }).click();
    await expect(form).toBeHidden();
  }
}

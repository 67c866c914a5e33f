import { expect, type Locator } from '@playwright/test';

export interface ProviderFields {
  type?: 'OpenAI-compatible' | 'Anthropic' | 'Ollama';
  name: string;
  baseUrl: string;
  apiKey?: string;
  defaultModel?: string;
}

/** The add/edit provider form, wherever it is shown (onboarding or Settings). */
export class ProviderForm {
  readonly type: Locator;
  readonly name: Locator;
  readonly baseUrl: Locator;
  readonly apiKey: Locator;
  readonly defaultModel: Locator;
  readonly testButton: Locator;
  readonly saveButton: Locator;

  constructor(readonly root: Locator) {
    this.type = root.getByLabel('Provider type');
    this.name = root.getByLabel('Name', { exact: true });
    this.baseUrl = root.getByLabel('Base URL');
    this.apiKey = root.getByLabel('API key');
    this.defaultModel = root.getByLabel('Default model');
    this.testButton = root.getByRole('button', { name: 'Test connection' });
    this.saveButton = root.getByRole('button', { name: 'Save', exact: true });
  }

  async fill(fields: ProviderFields): Promise<void> {
    await this.type.selectOption({ label: fields.type ?? 'OpenAI-compatible' });
    await this.name.fill(fields.name);
    await this.baseUrl.fill(fields.baseUrl);
    if (fields.apiKey !== undefined) await this.apiKey.fill(fields.apiKey);
    if (fields.defaultModel !== undefined) await this.defaultModel.fill(fields.defaultModel);
  }

  /** Clicks Test connection and returns the outcome line (models, or the provider's words). */
  async testConnection(): Promise<Locator> {
    await this.testButton.click();
    const outcome = this.root.getByText(/^(Connected\.|Could not connect:)/);
    await expect(outcome).toBeVisible();
    return outcome;
  }
}

import { expect, type Locator, type Page } from '@playwright/test';
import type { MessageView } from './MessageView';

/** The stream inspector of one reply: a chart per stream, figures, and the status history. */
export class InspectorDialog {
  readonly dialog: Locator;
  readonly charts: Locator;
  readonly history: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Stream inspector' });
    this.charts = this.dialog.getByRole('img', { name: /^Chunk arrivals over time/ });
    this.history = this.dialog.getByRole('list', { name: 'Status history' }).getByRole('listitem');
  }

  /** Clicks the reply's Inspect action and waits for the report. */
  async open(reply: MessageView): Promise<void> {
    await reply.article.hover();
    await reply.article.getByRole('button', { name: 'Inspect', exact: true }).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.charts.first()).toBeVisible();
  }

  /** A value of "Sent with the request" (System prompt, Temperature, …) of the first stream. */
  sent(name: string): Locator {
    return this.dialog
      .getByRole('group', { name: 'Sent with the request' })
      .first()
      .locator('.figure')
      .filter({ has: this.dialog.page().getByRole('term').getByText(name, { exact: true }) })
      .getByRole('definition');
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close stream inspector' }).click();
    await expect(this.dialog).toBeHidden();
  }
}

import { execFileSync } from 'node:child_process';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The sidebar's Diagnostics dialog, and its "Report a problem" section. */
export class DiagnosticsDialog {
  readonly dialog: Locator;
  readonly report: Locator;
  /** "Include the chunk log of": No message, or one of the recent replies. */
  readonly chunkLogChoice: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Diagnostics' });
    this.report = this.dialog.getByRole('region', { name: 'Report a problem' });
    this.chunkLogChoice = this.report.getByLabel('Include the chunk log of');
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Diagnostics' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Picks the reply whose option label matches `label`; returns its message id (the option's value). */
  async chooseReply(label: RegExp): Promise<string> {
    const option = this.chunkLogChoice.getByRole('option', { name: label });
    await expect(option).toHaveCount(1);
    const messageId = await option.getAttribute('value');
    await this.chunkLogChoice.selectOption(messageId!);
    return messageId!;
  }

  /** The tick labels of the chart named `name`, and the chart's own box, in page pixels. */
  async chartLabels(name: string): Promise<{ chart: Box; labels: (Box & { text: string })[] }> {
    const chart = this.dialog.getByRole('img', { name });
    await expect(chart).toBeVisible();
    const texts = chart.locator('text');
    const labels: (Box & { text: string })[] = [];
    for (const [i, text] of (await texts.allTextContents()).entries())
      labels.push({ text, ...(await texts.nth(i).boundingBox())! });
    return { chart: (await chart.boundingBox())!, labels };
  }

  /** Writes the report and waits until it says where it went. */
  async writeReport(): Promise<void> {
    await this.report.getByRole('button', { name: 'Report a problem' }).click();
    await expect(this.report.getByRole('status')).toContainText('Saved to');
  }
}

/** Clicks `button` ("Download the report") and returns the browser download it starts. */
export async function downloadReport(page: Page, button: Locator): Promise<Download> {
  const downloading = page.waitForEvent('download');
  await button.click();
  return downloading;
}

/** The names inside a downloaded zip, as `unzip` (an independent reader) lists them. */
export async function zipEntries(download: Download): Promise<string[]> {
  const failure = await download.failure();
  if (failure) throw new Error(`Download of ${download.suggestedFilename()} failed: ${failure}`);
  return execFileSync('unzip', ['-Z1', await download.path()], { encoding: 'utf8' })
    .trim()
    .split('\n');
}

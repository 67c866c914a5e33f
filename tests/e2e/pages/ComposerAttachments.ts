import type { Locator, Page } from '@playwright/test';

export interface FileToGive {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * The composer's attachments: the Attach button's file chooser, a drop of files on the
 * composer, a paste into the message box (both as a real DataTransfer dispatched in the
 * page, which is what the browser hands the app), and the chips that show what is attached.
 */
export class ComposerAttachments {
  readonly attachButton: Locator;
  readonly chips: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    const form = page.locator('form.composer');
    this.attachButton = form.getByRole('button', { name: 'Attach files' });
    this.chips = form.getByRole('list', { name: 'Attachments' }).getByRole('listitem');
    this.error = form.getByRole('alert');
  }

  chip(name: string): Locator {
    return this.chips.filter({ hasText: name });
  }

  async choose(files: FileToGive[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.attachButton.click();
    await (await chooser).setFiles(files);
  }

  async drop(files: FileToGive[]): Promise<void> {
    await this.dispatch('drop', files);
  }

  async paste(files: FileToGive[]): Promise<void> {
    await this.dispatch('paste', files);
  }

  async remove(name: string): Promise<void> {
    await this.chip(name)
      .getByRole('button', { name: `Remove ${name}` })
      .click();
  }

  private async dispatch(kind: 'drop' | 'paste', files: FileToGive[]): Promise<void> {
    const target = kind === 'drop' ? 'form.composer' : 'textarea[aria-label="Message"]';
    const given = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
    await this.page.locator(target).evaluate(
      (el, { kind, given }) => {
        const data = new DataTransfer();
        for (const f of given) {
          const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
          data.items.add(new File([bytes], f.name, { type: f.type }));
        }
        const init = { bubbles: true, cancelable: true };
        if (kind === 'drop') {
          el.dispatchEvent(new DragEvent('dragover', { ...init, dataTransfer: data }));
          el.dispatchEvent(new DragEvent('drop', { ...init, dataTransfer: data }));
        } else {
          el.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: data }));
        }
      },
      { kind, given },
    );
  }
}

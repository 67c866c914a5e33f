import type { Locator, Page } from '@playwright/test';

export interface FileToGive {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The page's own constructors (the tests are typed without the DOM library). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: object) => unknown;
  ClipboardEvent: new (type: string, init: object) => unknown;
  atob(data: string): string;
}

interface Given {
  kind: 'drop' | 'paste';
  given: { name: string; type: string; base64: string }[];
}

/** Runs in the page: the DataTransfer a real drop or paste of these files carries. */
function dispatch(el: unknown, { kind, given }: Given): void {
  const g = globalThis as unknown as PageGlobals;
  const target = el as { dispatchEvent(event: unknown): boolean };
  const data = new g.DataTransfer();
  for (const f of given) {
    const bytes = Uint8Array.from(g.atob(f.base64), (c) => c.charCodeAt(0));
    data.items.add(new g.File([bytes], f.name, { type: f.type }));
  }
  const init = { bubbles: true, cancelable: true };
  if (kind === 'drop') {
    target.dispatchEvent(new g.DragEvent('dragover', { ...init, dataTransfer: data }));
    target.dispatchEvent(new g.DragEvent('drop', { ...init, dataTransfer: data }));
  } else {
    target.dispatchEvent(new g.ClipboardEvent('paste', { ...init, clipboardData: data }));
  }
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
    await this.page.locator(target).evaluate(dispatch, { kind, given });
  }
}

import type { Locator, Page } from '@playwright/test';

/** The few scroll properties read here (the Node type config has no DOM). */
interface Scrolling {
  scrollHeight: number;
  scrollTop: number;
  clientHeight: number;
}

/**
 * The scrolling message list: how far it is from its end, the reader's wheel, and the
 * "Jump to latest" button it offers once they scrolled up. (Scroll offsets have no
 * role; they are read from the log's scrolling parent.)
 */
export class MessageScroller {
  readonly jumpToLatest: Locator;
  /** The log's parent, which scrolls; the log itself is as tall as all messages. */
  private readonly scroller: Locator;

  constructor(
    readonly page: Page,
    log: Locator,
  ) {
    this.jumpToLatest = page.getByRole('button', { name: 'Jump to latest' });
    this.scroller = log.locator('xpath=..');
  }

  /** Pixels between the bottom of the viewport and the end of the list. */
  distanceFromEnd(): Promise<number> {
    return this.scroller.evaluate((el) => {
      const s = el as unknown as Scrolling;
      return s.scrollHeight - s.scrollTop - s.clientHeight;
    });
  }

  /** Pixels of content that do not fit the viewport. */
  overflow(): Promise<number> {
    return this.scroller.evaluate((el) => {
      const s = el as unknown as Scrolling;
      return s.scrollHeight - s.clientHeight;
    });
  }

  scrollTop(): Promise<number> {
    return this.scroller.evaluate((el) => (el as unknown as Scrolling).scrollTop);
  }

  /** Turns the mouse wheel over the messages, as a reader scrolling up does. */
  async wheelUp(pixels: number): Promise<void> {
    const box = (await this.scroller.boundingBox())!;
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, -pixels);
  }
}

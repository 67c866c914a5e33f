import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say, scriptedReply } from './fixtures/replies';
import { MessageScroller } from './pages/MessageScroller';

/** A reply long enough to overflow the window several times: paragraphs of numbered words. */
function longMarkdownReply(paragraphs: number): string {
  return Array.from(
    { length: paragraphs },
    (_, p) =>
      `Paragraph ${p + 1}: ` + Array.from({ length: 30 }, (_, i) => `p${p + 1}w${i + 1}`).join(' ') + '.',
  ).join('\n\n');
}

test.describe('Smooth streaming', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('a growing reply keeps the end in view while the reader does not scroll', async ({ spool, fake }) => {
    say(fake, longMarkdownReply(40), 120);
    await spool.send('Tell me everything');
    const scroller = new MessageScroller(spool.page, spool.messages);

    await expect.poll(() => scroller.overflow()).toBeGreaterThan(600);
    await expect(spool.lastReply().status('Streaming')).toBeVisible();
    await expect.poll(() => scroller.distanceFromEnd()).toBeLessThanOrEqual(48);
    await expect(scroller.jumpToLatest).toHaveCount(0);
  });

  test('Jump to latest appears after scrolling up mid-stream, the view stays put, and the button brings you back', async ({
    spool,
    fake,
  }) => {
    say(fake, longMarkdownReply(60), 100);
    await spool.send('Tell me everything');
    const reply = spool.lastReply();
    const scroller = new MessageScroller(spool.page, spool.messages);
    await expect.poll(() => scroller.overflow()).toBeGreaterThan(800);

    await scroller.wheelUp(500);
    await expect(scroller.jumpToLatest).toBeVisible();
    await expect(reply.status('Streaming')).toBeVisible();
    const top = await scroller.scrollTop();
    const length = (await reply.currentText()).length;
    await reply.textLongerThan(length + 200); // the reply grows…
    expect(Math.abs((await scroller.scrollTop()) - top)).toBeLessThan(2); // …and the reader is left where they are
    expect(await scroller.distanceFromEnd()).toBeGreaterThan(48);

    await scroller.jumpToLatest.click();
    await expect(scroller.jumpToLatest).toHaveCount(0);
    await expect.poll(() => scroller.distanceFromEnd()).toBeLessThanOrEqual(48);
  });

  test('a 2 000-chunk reply reloaded mid-stream arrives whole, with no render storm error in the console', async ({
    spool,
    fake,
    page,
  }) => {
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' || /Maximum update depth/i.test(msg.text())) problems.push(msg.text());
    });
    const full = scriptedReply(2000);
    say(fake, full, 400);
    await spool.send('Count to two thousand');
    await spool.lastReply().textLongerThan(2000);

    await spool.reload();
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText(full, { timeout: 30_000 });
    expect(problems).toEqual([]);
  });
});

import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import type { MessageView } from './pages/MessageView';

/** A reply of `words` distinct words starting with `stem`, so versions never share a prefix. */
const wordsOf = (stem: string, words: number) =>
  Array.from({ length: words }, (_, i) => `${stem}${i + 1}`).join(' ') + '.';

/**
 * Every version kept: Regenerate and Edit add versions beside the old ones, the
 * switcher shows each, and a version still streaming goes on (and survives a crash)
 * while another is shown. Real UI, real host process, real fake provider.
 */
test.describe('Versions', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  /** Sends `question` and regenerates until there are as many versions as `answers`, each exact. */
  async function versionsOfOneReply(
    spool: { send(t: string): Promise<void>; lastReply(): MessageView },
    fake: Parameters<typeof say>[0],
    answers: string[],
  ): Promise<MessageView> {
    say(fake, answers[0]!, 0);
    await spool.send('Name a colour');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText(answers[0]!);
    for (const answer of answers.slice(1)) {
      say(fake, answer, 0);
      await reply.regenerateButton.click();
      await expect(reply.text).toHaveText(answer);
    }
    return reply;
  }

  test('regenerating twice keeps three versions, each with its exact text, shown by the switcher', async ({
    spool,
    fake,
  }) => {
    const answers = ['Red, like a brick.', 'Blue, like the sea.', 'Green, like moss.'];
    const reply = await versionsOfOneReply(spool, fake, answers);

    await expect(spool.messagesFrom('Assistant')).toHaveCount(1);
    await expect(reply.versionPosition()).toHaveText('3 / 3');
    await expect(reply.versionAnnouncement).toHaveText('Version 3 of 3.');
    for (const position of [2, 1, 3]) {
      await reply.showVersion(position);
      await expect(reply.versionPosition()).toHaveText(`${position} / 3`);
      await expect(reply.text).toHaveText(answers[position - 1]!);
    }

    await reply.showVersion(2);
    await spool.reload();
    await expect(spool.lastReply().versionPosition()).toHaveText('2 / 3');
    await expect(spool.lastReply().text).toHaveText(answers[1]!);
  });

  test('after a reload and a SIGKILL of the host mid-regenerate, the new versions are interrupted, the first is intact, and Continue completes each', async ({
    spool,
    fake,
    host,
  }) => {
    const first = 'Red, like a brick.';
    const second = wordsOf('beta', 120);
    const third = wordsOf('gamma', 120);
    say(fake, first, 0);
    await spool.send('Name a colour');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText(first);

    say(fake, second, 8);
    await reply.regenerateButton.click();
    await reply.textLongerThan(12);
    // Version 2 keeps streaming while version 1 is shown, and is asked again beside it.
    await reply.showVersion(1);
    await expect(reply.text).toHaveText(first);
    await expect(reply.versionAnnouncement).toHaveText('Version 1 of 2. Version 2 is still streaming.');
    say(fake, third, 8);
    await reply.regenerateButton.click();
    await expect(reply.versionPosition()).toHaveText('3 / 3');
    await reply.textLongerThan(12);

    await spool.reload();
    await expect(reply.status('Streaming')).toBeVisible();
    await expect(reply.versionAnnouncement).toHaveText('Version 3 of 3. Version 2 is still streaming.');
    const shownAtKill = await reply.textLongerThan(30);
    const title = (await spool.selected().textContent()) ?? ''; // named after its first reply by now

    await host.kill();
    await host.restart();
    await spool.open(host.url);
    await spool.row(title).select();

    await expect(reply.versionPosition()).toHaveText('3 / 3');
    await expect(reply.status('Interrupted')).toBeVisible();
    const thirdRecovered = await reply.currentText();
    expect(thirdRecovered.startsWith(shownAtKill)).toBe(true);
    expect(third.startsWith(thirdRecovered)).toBe(true);
    expect(thirdRecovered.length).toBeLessThan(third.length);

    await reply.showVersion(2);
    await expect(reply.status('Interrupted')).toBeVisible();
    const secondRecovered = await reply.currentText();
    expect(secondRecovered.length).toBeGreaterThan(12);
    expect(second.startsWith(secondRecovered)).toBe(true);
    expect(secondRecovered.length).toBeLessThan(second.length);

    await reply.showVersion(1);
    await expect(reply.text).toHaveText(first);
    await expect(reply.continueButton).toHaveCount(0);

    await reply.showVersion(2);
    say(fake, second.slice(secondRecovered.length), 200);
    await reply.continue();
    await expect(reply.text).toHaveText(second);
    await expect(reply.status('Interrupted')).toHaveCount(0);

    await reply.showVersion(3);
    await expect(reply.text).toHaveText(thirdRecovered);
    say(fake, third.slice(thirdRecovered.length), 200);
    await reply.continue();
    await expect(reply.text).toHaveText(third);
    await expect(reply.status('Interrupted')).toHaveCount(0);

    await reply.showVersion(1);
    await expect(reply.text).toHaveText(first);
  });

  test('the switcher works by keyboard alone, and keeps the focus while the version changes', async ({
    spool,
    fake,
    page,
  }) => {
    const answers = ['Red, like a brick.', 'Blue, like the sea.', 'Green, like moss.'];
    const reply = await versionsOfOneReply(spool, fake, answers);

    await spool.composer.focus();
    await tabUntilFocused(page, reply.previousVersionButton, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(reply.versionAnnouncement).toHaveText('Version 2 of 3.');
    await expect(reply.text).toHaveText(answers[1]!);
    await expect(reply.previousVersionButton).toBeFocused();

    await page.keyboard.press('Space');
    await expect(reply.versionAnnouncement).toHaveText('Version 1 of 3.');
    await expect(reply.text).toHaveText(answers[0]!);
    // At the first version, Previous stays focusable but does nothing.
    await expect(reply.previousVersionButton).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Enter');
    await expect(reply.versionAnnouncement).toHaveText('Version 1 of 3.');

    await page.keyboard.press('Tab');
    await expect(reply.nextVersionButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(reply.versionAnnouncement).toHaveText('Version 2 of 3.');
    await expect(reply.text).toHaveText(answers[1]!);
  });

  test('deleting a version shows the one left at once, and Undo brings it back', async ({ spool, fake }) => {
    const answers = ['Red, like a brick.', 'Blue, like the sea.'];
    const reply = await versionsOfOneReply(spool, fake, answers);

    await reply.chooseAction('Delete this version');
    await expect(reply.text).toHaveText(answers[0]!);
    await expect(reply.versions).toHaveCount(0);
    const toast = spool.page.getByRole('status').filter({ hasText: 'Version deleted' });
    await expect(toast).toBeVisible();

    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(toast).toHaveCount(0);
    await expect(reply.versionPosition()).toHaveText('2 / 2');
    await expect(reply.text).toHaveText(answers[1]!);
    await reply.showVersion(1);
    await expect(reply.text).toHaveText(answers[0]!);
  });

  test('a reply names the model that wrote it and when, and Continue says it uses that model', async ({
    spool,
    fake,
  }) => {
    say(fake, wordsOf('word', 60));
    await spool.send('Tell me a long story');
    const reply = spool.lastReply();
    await reply.textLongerThan(20);

    await expect(reply.article.getByText('fake-chat', { exact: true })).toBeVisible();
    const time = reply.article.locator('time');
    await expect(time).toHaveText(/^\d{1,2}[:.]\d{2}/);
    await expect(time).toHaveAttribute('title', /\d{4}/);

    await spool.stopButton.click();
    await expect(reply.status('Cancelled')).toBeVisible();
    await expect(reply.continueButton).toHaveAccessibleName('Continue with fake-chat');
  });

  test('the model menu names the provider beside a model name two providers offer, and the reply names its provider', async ({
    spool,
    fake,
  }) => {
    await expect(spool.modelPicker.getByRole('option', { name: 'fake-chat', exact: true })).toHaveCount(1);
    const settings = await spool.openSettings();
    await settings.addProvider({ ...fakeProviderSettings(fake), name: 'Second fake' });
    await settings.close();

    await expect(spool.modelPicker.getByRole('option', { name: 'fake-chat · Fake provider' })).toHaveCount(1);
    const second = spool.modelPicker.getByRole('option', { name: 'fake-chat · Second fake' });
    await expect(second).toHaveCount(1);
    await spool.modelPicker.selectOption({ label: 'fake-chat · Second fake' });

    say(fake, 'Hello from the second.', 0);
    await spool.send('Who are you?');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('Hello from the second.');
    await expect(reply.article.getByText('fake-chat', { exact: true })).toHaveAttribute(
      'title',
      'fake-chat · Second fake',
    );
  });
});

/** Presses `key` until `target` has the focus (at most 20 times), as a keyboard user would. */
async function tabUntilFocused(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab'): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(key);
    if ((await target.and(page.locator(':focus')).count()) === 1) return;
  }
  throw new Error(`${key} never reached the target within 20 presses`);
}

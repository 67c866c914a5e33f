import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Each reply's header names the model that wrote it and when: real UI, real host, real fake provider. */
test.describe('Who answered and when', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('every version of a reply names its own model', async ({ spool, fake }) => {
    say(fake, 'From the default model.', 0);
    await spool.send('Say something');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('From the default model.');
    await expect(reply.model).toHaveText('fake-chat');

    await spool.modelPicker.selectOption({ label: 'script:echo' });
    await reply.regenerateButton.click();
    await expect(reply.text).toHaveText('You said: Say something');
    await expect(reply.model).toHaveText('script:echo');

    await reply.showVersion(1);
    await expect(reply.text).toHaveText('From the default model.');
    await expect(reply.model).toHaveText('fake-chat');
    await reply.showVersion(2);
    await expect(reply.model).toHaveText('script:echo');
  });

  test('a reply from today shows the local time, with the full date on hover', async ({ spool, fake }) => {
    say(fake, 'Now.', 0);
    await spool.send('What time is it?');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('Now.');

    const time = reply.time;
    await expect(time).toHaveText(/^\d{1,2}[:.]\d{2}( [AP]M)?$/);
    const iso = (await time.getAttribute('datetime'))!;
    expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(DAY_MS);
    await expect(time).toHaveAttribute('title', new RegExp(String(new Date(iso).getFullYear())));
  });

  test('a reply from an earlier day shows its date beside the time', async ({ spool, fake, page }) => {
    say(fake, 'Yesterday’s answer.', 0);
    await spool.send('Remember this');
    await expect(spool.lastReply().text).toHaveText('Yesterday’s answer.');

    // Two days later, as far as the page can tell: only its clock moves, the host's does not.
    await page.clock.setFixedTime(Date.now() + 2 * DAY_MS);
    await spool.reload();
    const time = spool.lastReply().time;
    const sent = new Date(Date.parse((await time.getAttribute('datetime'))!));
    await expect(time).toContainText(String(sent.getDate()));
    await expect(time).not.toHaveText(/^\d{1,2}[:.]\d{2}( [AP]M)?$/);
  });
});

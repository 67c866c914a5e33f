import { expect, test } from './fixtures/test';
import { failWith, fakeProviderSettings, say, scriptedReply } from './fixtures/replies';
import { MessageView } from './pages/MessageView';

/**
 * Chatting through the real UI with the real fake provider: each reply streams for a
 * few seconds (15 words/s) so a test can act mid-reply.
 */
test.describe('Chat', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('a sent message gets a reply that streams in and ends with exactly the scripted text', async ({
    spool,
    fake,
  }) => {
    const full = scriptedReply(40);
    say(fake, full);
    await spool.send('Hello there');

    const reply = spool.lastReply();
    await expect(reply.status('Streaming')).toBeVisible();
    const partial = await reply.textLongerThan(0);
    expect(full.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(full.length);

    await expect(reply.text).toHaveText(full);
    await expect(reply.status('Streaming')).toHaveCount(0);
    await expect(reply.regenerateButton).toBeVisible();
  });

  test('Stop mid-reply keeps the partial text as cancelled, and Continue completes it', async ({
    spool,
    fake,
  }) => {
    const full = scriptedReply(60);
    say(fake, full);
    await spool.send('Tell me a long story');
    const reply = spool.lastReply();
    await reply.textLongerThan(20);

    await spool.stopButton.click();
    await expect(reply.status('Cancelled')).toBeVisible();
    await expect(spool.stopButton).toHaveCount(0);
    const partial = await reply.currentText();
    expect(partial.length).toBeGreaterThan(20);
    expect(full.startsWith(partial)).toBe(true);
    expect(partial.length).toBeLessThan(full.length);

    say(fake, full.slice(partial.length), 60); // the continuation carries on from the partial
    await reply.continue();
    await expect(reply.text).toHaveText(full);
    await expect(reply.status('Cancelled')).toHaveCount(0);
  });

  test('Escape stops a streaming reply', async ({ spool, fake, page }) => {
    say(fake, scriptedReply(60));
    await spool.send('Go on');
    const reply = spool.lastReply();
    await reply.textLongerThan(10);

    await page.keyboard.press('Escape');
    await expect(reply.status('Cancelled')).toBeVisible();
    await expect(reply.continueButton).toBeVisible();
  });

  test('reloading mid-reply shows the same text, which keeps growing to exactly the scripted reply', async ({
    spool,
    fake,
  }) => {
    const full = scriptedReply(60);
    say(fake, full);
    await spool.send('Stream something');
    const before = await spool.lastReply().textLongerThan(15);

    await spool.reload();
    const reply = spool.lastReply();
    await expect(reply.status('Streaming')).toBeVisible();
    const afterReload = await reply.textLongerThan(before.length - 1);
    expect(afterReload.startsWith(before)).toBe(true);
    expect(full.startsWith(afterReload)).toBe(true);
    await reply.textLongerThan(afterReload.length); // still growing after the reload

    await expect(reply.text).toHaveText(full);
  });

  test('after the host is killed mid-reply, the restarted host shows it interrupted with all it had shown, and Continue completes it', async ({
    spool,
    fake,
    host,
  }) => {
    const full = scriptedReply(80);
    say(fake, full);
    await spool.send('Keep going');
    await spool.row('New chat').select();
    const shown = await spool.lastReply().textLongerThan(30);
    const shownAtKill = await spool.lastReply().currentText(); // it may have grown meanwhile

    await host.kill();
    await host.restart();
    await spool.open(host.url);
    await spool.row('New chat').select();

    const reply = spool.lastReply();
    await expect(reply.status('Interrupted')).toBeVisible();
    const recovered = await reply.currentText();
    expect(recovered.startsWith(shownAtKill)).toBe(true);
    expect(recovered.startsWith(shown)).toBe(true);
    expect(full.startsWith(recovered)).toBe(true);

    say(fake, full.slice(recovered.length), 60);
    await reply.continue();
    await expect(reply.text).toHaveText(full);
    await expect(reply.status('Interrupted')).toHaveCount(0);
  });

  test('a provider that keeps failing ends the reply with what happened in plain words, its own words one click away, and Continue', async ({
    spool,
    fake,
  }) => {
    failWith(fake, 500, 'The fake model is on fire (scripted 500).');
    await spool.send('Are you there?');

    const reply = spool.lastReply();
    await expect(reply.article.getByText(/^Retrying \(\d of \d\): The fake model is on fire/)).toBeVisible();
    await expect(reply.status('Error')).toBeVisible();
    const note = reply.article.getByRole('note');
    await expect(note).toContainText('The provider had a problem on its side and could not answer');
    await expect(note.getByText('The fake model is on fire (scripted 500).')).toBeHidden();
    await note.getByText('What the provider said').click();
    await expect(note.getByText('The fake model is on fire (scripted 500).')).toBeVisible();
    await expect(reply.continueButton).toBeVisible();
  });

  test('a send that cannot reach Spool keeps the text in the composer and says why', async ({
    spool,
    host,
  }) => {
    await host.kill();
    await spool.composer.fill('Please do not lose me');
    await spool.composer.press('Enter');

    await expect(spool.page.getByRole('alert').filter({ hasText: 'Not sent' })).toBeVisible();
    await expect(spool.composer).toHaveValue('Please do not lose me');
  });

  test('Shift+Enter adds a new line instead of sending', async ({ spool }) => {
    await spool.composer.fill('Line one');
    await spool.composer.press('Shift+Enter');
    await spool.composer.pressSequentially('line two');

    await expect(spool.composer).toHaveValue('Line one\nline two');
    await expect(spool.messagesFrom('You')).toHaveCount(0);
  });

  test('editing a sent message and resending shows the new one with its reply, and keeps the first as version 1 of 2', async ({
    spool,
    fake,
  }) => {
    say(fake, 'First answer.', 0);
    await spool.send('Frist question');
    await expect(spool.lastReply().text).toHaveText('First answer.');

    say(fake, 'Second answer.', 0);
    const question = spool.lastUserMessage();
    await question.editAndResend('First question');

    await expect(question.text).toHaveText('First question');
    await expect(spool.lastReply().text).toHaveText('Second answer.');
    await expect(spool.messagesFrom('Assistant')).toHaveCount(1);
    await expect(question.versionPosition()).toHaveText('2 / 2');

    await question.showVersion(1);
    await expect(question.text).toHaveText('Frist question');
    await expect(spool.lastReply().text).toHaveText('First answer.');
  });

  test('Regenerate shows a fresh reply and keeps the first as version 1 of 2', async ({ spool, fake }) => {
    say(fake, 'A first try.', 0);
    await spool.send('Give me a name');
    await expect(spool.lastReply().text).toHaveText('A first try.');

    say(fake, 'A better try.', 0);
    await spool.lastReply().regenerateButton.click();

    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('A better try.');
    await expect(spool.messagesFrom('Assistant')).toHaveCount(1);
    await expect(reply.versionPosition()).toHaveText('2 / 2');
    await reply.showVersion(1);
    await expect(reply.text).toHaveText('A first try.');
  });

  test('Regenerate is offered on an earlier reply too, and shows its new version with nothing below it', async ({
    spool,
    fake,
  }) => {
    say(fake, 'One.', 0);
    await spool.send('First');
    say(fake, 'Two.', 0);
    await spool.send('Second');
    await expect(spool.lastReply().text).toHaveText('Two.');

    say(fake, 'One, again.', 0);
    const earlier = new MessageView(spool.messagesFrom('Assistant').first());
    await earlier.article.hover();
    await earlier.regenerateButton.click();

    await expect(earlier.text).toHaveText('One, again.');
    await expect(spool.messagesFrom('You')).toHaveCount(1);
    await earlier.showVersion(1);
    await expect(spool.lastReply().text).toHaveText('Two.');
    await expect(spool.messagesFrom('You')).toHaveCount(2);
  });
});

import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import type { FakeProvider } from '../fake-provider/server';

/** Titles the model writes after the first reply, through the real UI and the real fake provider. */
test.describe('Generated titles', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  const titleRequests = (fake: FakeProvider) =>
    fake.requests.filter((r) => JSON.stringify(r.body).includes('Write a title for this conversation'));

  test('the model is asked for a title after the first reply, and its answer names the chat in the list', async ({
    spool,
    fake,
  }) => {
    say(fake, 'Custard tarts in Lisbon', 60);
    await spool.send('Where can I find the best pastel de nata?');

    await expect(spool.selected()).toHaveText('Custard tarts in Lisbon');
    await expect(spool.chatTitle).toHaveText('Custard tarts in Lisbon');
    expect(titleRequests(fake)).toHaveLength(1);
    expect(titleRequests(fake)[0]!.model).toBe('fake-chat');
    await spool.reload();
    await expect(spool.row('Custard tarts in Lisbon').titleButton).toBeVisible();
  });

  test('with the setting off, the first message names the chat and the model is not asked', async ({
    spool,
    fake,
  }) => {
    const settings = await spool.openSettings();
    await expect(settings.generatedTitles()).toBeChecked();
    await settings.generatedTitles().uncheck();
    await expect(settings.generatedTitles()).not.toBeChecked();
    await settings.close();

    say(fake, 'Custard tarts in Lisbon', 60);
    await spool.send('Where can I find the best pastel de nata?');

    await expect(spool.selected()).toHaveText('Where can I find the best pastel de nata');
    expect(titleRequests(fake)).toHaveLength(0);
  });

  test('when the provider fails the title request, the first message names the chat', async ({
    spool,
    fake,
  }) => {
    // The model's first request (the reply) is answered; the next (the title) gets a 500.
    fake.setScript('script:http-500?after=1&text=Custard%20tarts%20in%20Lisbon&tps=60');
    await spool.send('Where can I find the best pastel de nata?');

    await expect(spool.lastReply().text).toHaveText('Custard tarts in Lisbon');
    await expect(spool.selected()).toHaveText('Where can I find the best pastel de nata');
    expect(titleRequests(fake)).toHaveLength(1);
  });

  test('a rename made while the model is writing the title wins', async ({ spool, fake }) => {
    // Four words at 2 a second: the title request stays in flight for two seconds.
    say(fake, 'Four words of title', 2);
    await spool.send('Name this chat');
    await expect(spool.lastReply().text).toHaveText('Four words of title');
    await expect.poll(() => titleRequests(fake).length).toBe(1);

    const renamed = await spool.row('New chat').rename('My own name');
    await expect.poll(() => titleRequests(fake)[0]!.closedAt).toBeDefined();

    await expect(renamed.titleButton).toBeVisible();
    await spool.reload();
    await expect(spool.row('My own name').titleButton).toBeVisible();
    await expect(spool.row('Four words of title').titleButton).toHaveCount(0);
  });
});

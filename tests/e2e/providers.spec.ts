import { expect, test } from './fixtures/test';
import { DUMMY_KEY, fakeProviderSettings, say } from './fixtures/replies';

test.describe('Providers', () => {
  test('on first run the onboarding panel adds a provider, after which the composer can send', async ({
    spool,
    fake,
  }) => {
    await expect(spool.onboarding).toBeVisible();
    await expect(spool.page.getByText('Connect a model provider to send')).toBeVisible();

    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.composer.fill('Hi');
    await expect(spool.sendButton).toBeEnabled();
  });

  test('Test connection lists the provider’s models', async ({ spool, fake }) => {
    const settings = await spool.openSettings();
    const form = await settings.newProviderForm();
    await form.fill(fakeProviderSettings(fake));

    const outcome = await form.testConnection();
    await expect(outcome).toContainText('script:echo');
  });

  test('Test connection against a server that is not there shows why, in the network’s words', async ({
    spool,
  }) => {
    const settings = await spool.openSettings();
    const form = await settings.newProviderForm();
    await form.fill({ name: 'Nowhere', baseUrl: 'http://127.0.0.1:9/v1' });

    const outcome = await form.testConnection();
    await expect(outcome).toContainText('Could not connect:');
  });

  test('the Settings view says where the key comes from and never shows the key itself', async ({
    spool,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    const settings = await spool.openSettings();

    await expect(settings.provider('Fake provider')).toContainText('Key stored');
    const form = await settings.edit('Fake provider');
    await expect(form.apiKey).toHaveValue('');
    expect(await spool.page.content()).not.toContain(DUMMY_KEY);
  });

  test('changing the base URL of a provider with a stored key says the key is dropped unless typed again', async ({
    spool,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    const settings = await spool.openSettings();
    const form = await settings.edit('Fake provider');
    const hint = form.root.getByText(/saving drops it unless you type it again/);
    await expect(hint).toHaveCount(0);

    await form.baseUrl.fill('http://127.0.0.1:9/v1');
    await expect(hint).toBeVisible();
    await form.apiKey.fill('typed-again');
    await expect(hint).toHaveCount(0);
  });

  test('a provider added in Settings can be deleted there', async ({ spool, fake }) => {
    const settings = await spool.openSettings();
    await settings.addProvider({ ...fakeProviderSettings(fake), name: 'Short-lived' });
    await settings.dialog.getByRole('button', { name: 'Delete Short-lived' }).click();
    await spool.page
      .getByRole('dialog', { name: 'Delete provider?' })
      .getByRole('button', { name: 'Delete' })
      .click();

    await expect(settings.provider('Short-lived')).toHaveCount(0);
  });

  test('the model picker lists the provider’s models, and the chosen one answers', async ({
    spool,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, 'not the echo model', 0);

    await spool.modelPicker.selectOption({ label: 'script:echo' });
    await spool.send('ping');

    await expect(spool.lastReply().text).toHaveText('You said: ping');
    await spool.reload();
    await expect(spool.modelPicker.locator('option:checked')).toHaveText('script:echo');
  });
});

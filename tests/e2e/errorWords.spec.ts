import { expect, test } from './fixtures/test';
import { failWith, fakeProviderSettings } from './fixtures/replies';

/** Each class of failure says in plain words what happened, what was kept and what to do. */
test.describe('Errors in plain words', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('a connection lost mid-reply says so, keeps the text and offers Continue', async ({ spool, fake }) => {
    fake.setScript('script:cut-after-5?tps=0');
    await spool.send('Tell me something');

    const reply = spool.lastReply();
    const note = reply.article.getByRole('note');
    await expect(note).toContainText(
      'The connection to the provider was lost in the middle of the reply. Everything that arrived before it is kept. Press Continue to carry on from where it stopped.',
    );
    await expect(reply.text).toContainText('Hello!');
    await note.getByText('What the provider said').click();
    await expect(note).toContainText('other side closed');
    await expect(reply.continueButton).toBeVisible();
  });

  test('a refused key says so and points to Settings', async ({ spool, fake }) => {
    failWith(fake, 401, 'Incorrect API key provided (scripted 401).');
    await spool.send('Hello?');

    const note = spool.lastReply().article.getByRole('note');
    await expect(note).toContainText(
      'The provider refused the API key. Nothing of the reply had arrived. Check the key in Settings, then press Regenerate.',
    );
    await note.getByText('What the provider said').click();
    await expect(note).toContainText('Incorrect API key provided (scripted 401).');
  });

  test('a provider that cannot be reached says so, distinct from a lost connection', async ({
    spool,
    fake,
  }) => {
    fake.setScript('script:hello?tps=0');
    await fake.close();
    await spool.send('Anyone there?');

    const note = spool.lastReply().article.getByRole('note');
    await expect(note).toContainText(
      'Spool could not reach the provider. Nothing of the reply had arrived.',
      {
        timeout: 30_000,
      },
    );
  });
});

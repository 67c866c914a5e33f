import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';

/** The fake provider reports 10 input tokens and one output token per piece it streams. */
test.describe('Usage', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, 'Counted words here.', 200);
  });

  test('a reply shows the tokens its provider counted, and the header sums the conversation', async ({
    spool,
    page,
  }) => {
    await spool.send('First');
    const first = spool.lastReply();
    await expect(first.text).toHaveText('Counted words here.');
    const tokens = first.article.getByLabel('Tokens');
    await expect(tokens).toHaveText(/^10 in · [1-9]\d* out tokens$/);
    const out = Number(/· (\d+) out/.exec((await tokens.textContent())!)![1]);

    await spool.send('Second');
    await expect(spool.lastReply().text).toHaveText('Counted words here.');
    const header = page.getByLabel('Conversation tokens');
    await expect(header).toHaveText(`20 in · ${2 * out} out tokens`);

    await spool.reload();
    await expect(spool.lastReply().article.getByLabel('Tokens')).toHaveText(`10 in · ${out} out tokens`);
    await expect(header).toHaveText(`20 in · ${2 * out} out tokens`);
  });
});

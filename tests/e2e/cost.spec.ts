import { fakeProviderSettings, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { PricesSection } from './pages/PricesSection';

/** The fake provider reports 10 input tokens and one output token per piece it streams. */
test.describe('Cost', () => {
  test('a reply of a priced model shows its cost, and the header sums the conversation', async ({
    spool,
    page,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    const settings = await spool.openSettings();
    await new PricesSection(settings.dialog).add('fake-chat', '1000', '2000');
    await settings.close();

    await spool.newChat();
    say(fake, 'Counted words here.', 200);
    await spool.send('First');
    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('Counted words here.');
    const tokens = await reply.article.getByLabel('Tokens').textContent();
    const out = Number(/· (\d+) out/.exec(tokens!)![1]);
    const cost = (10 * 1000 + out * 2000) / 1_000_000;
    await expect(reply.article.getByLabel('Cost')).toHaveText(cost.toFixed(4));

    say(fake, 'Counted words here.', 200);
    await spool.send('Second');
    await expect(spool.lastReply().text).toHaveText('Counted words here.');
    await expect(page.getByLabel('Conversation cost')).toHaveText((2 * cost).toFixed(4));
  });
});

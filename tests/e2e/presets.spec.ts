import type { FakeProvider } from '../fake-provider/server';
import { fakeProviderSettings, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { PresetsSection } from './pages/PresetsSection';

/** The chat request (not the title request that follows a first reply). */
function chatBody(fake: FakeProvider): {
  messages: { role: string; content: unknown }[];
  temperature?: number;
} {
  const chats = fake.requests.filter((r) => !JSON.stringify(r.body).includes('Write a title'));
  return chats.at(-1)!.body as { messages: { role: string; content: unknown }[]; temperature?: number };
}

test.describe('Presets', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
  });

  test('a preset picked when starting a chat sets its system prompt and parameters for the reply', async ({
    spool,
    page,
    fake,
  }) => {
    const settings = await spool.openSettings();
    await new PresetsSection(settings.dialog).create({
      name: 'Terse',
      systemPrompt: 'Answer in one word.',
      temperature: '0.3',
    });
    await settings.close();

    await spool.newChat();
    await page.getByLabel('Start from a preset').selectOption({ label: 'Terse' });
    await expect(page.getByRole('status').filter({ hasText: 'Using Terse' })).toBeVisible();
    say(fake, 'Yes.', 200);
    await spool.send('Is Spool durable?');
    await expect(spool.lastReply().text).toHaveText('Yes.');
    const body = chatBody(fake);
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Answer in one word.' });
    expect(body.temperature).toBe(0.3);
  });

  test('a preset is renamed and deleted in Settings', async ({ spool }) => {
    const settings = await spool.openSettings();
    const presets = new PresetsSection(settings.dialog);
    await presets.create({ name: 'Draft' });
    await presets.edit('Draft', { name: 'Reviewer' });
    await expect(presets.row('Reviewer')).toBeVisible();
    await presets.delete('Reviewer');
    await expect(presets.list).toBeHidden();
  });
});

import type { FakeProvider } from '../fake-provider/server';
import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import { ConversationSettingsDialog } from './pages/ConversationSettingsDialog';

type Body = { messages: { role: string; content: string }[] };

/** The system messages of the reply's request (OpenAI dialect), not the title's that may follow. */
function lastSystemMessages(fake: FakeProvider, prompt = 'Hello'): string[] {
  const body = fake.requests
    .map((r) => r.body as Body | undefined)
    .filter((b) => b?.messages?.at(-1)?.content === prompt)
    .at(-1)!;
  return body.messages.filter((m) => m.role === 'system').map((m) => m.content);
}

test.describe('Conversation settings', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, 'Understood.', 200);
  });

  test('a system prompt typed for the conversation is sent before its messages', async ({
    spool,
    fake,
    page,
  }) => {
    const settings = await ConversationSettingsDialog.open(page);
    await expect(settings.useDefault).toBeChecked();
    await settings.useDefault.uncheck();
    await settings.systemPrompt.fill('Answer like a pirate.');
    await settings.save();

    await spool.send('Hello');
    await expect(spool.lastReply().text).toHaveText('Understood.');
    expect(lastSystemMessages(fake)).toEqual(['Answer like a pirate.']);

    await spool.reload();
    const again = await ConversationSettingsDialog.open(page);
    await expect(again.useDefault).not.toBeChecked();
    await expect(again.systemPrompt).toHaveValue('Answer like a pirate.');
  });

  test('the default system prompt from Settings reaches a conversation without its own', async ({
    spool,
    fake,
    page,
  }) => {
    const settings = await spool.openSettings();
    await settings.dialog.getByRole('textbox', { name: 'Default system prompt' }).fill('You are terse.');
    await settings.dialog.getByRole('button', { name: 'Save defaults' }).click();
    await expect(settings.dialog.getByRole('button', { name: 'Save defaults' })).toBeDisabled();
    await settings.close();

    await spool.send('Hello');
    await expect(spool.lastReply().text).toHaveText('Understood.');
    expect(lastSystemMessages(fake)).toEqual(['You are terse.']);
    const dialog = await ConversationSettingsDialog.open(page);
    await expect(dialog.useDefault).toBeChecked();
  });
});

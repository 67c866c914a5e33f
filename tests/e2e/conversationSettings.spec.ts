import type { FakeProvider } from '../fake-provider/server';
import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';
import { ConversationSettingsDialog } from './pages/ConversationSettingsDialog';
import { InspectorDialog } from './pages/InspectorDialog';

type Body = { messages: { role: string; content: string }[] };

/** The system messages of the reply's request (OpenAI dialect), not the title's that may follow. */
function lastRequestBody(fake: FakeProvider, prompt = 'Hello'): Body {
  return fake.requests
    .map((r) => r.body as Body | undefined)
    .filter((b) => b?.messages?.at(-1)?.content === prompt)
    .at(-1)!;
}

function lastSystemMessages(fake: FakeProvider, prompt = 'Hello'): string[] {
  return lastRequestBody(fake, prompt)
    .messages.filter((m) => m.role === 'system')
    .map((m) => m.content);
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

test.describe('Reply parameters', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, 'Tuned.', 200);
  });

  test('parameters set for the conversation are sent and shown in the inspector', async ({
    spool,
    fake,
    page,
  }) => {
    const settings = await ConversationSettingsDialog.open(page);
    await settings.field('Temperature').fill('0.4');
    await settings.field('Top-p').fill('0.9');
    await settings.field('Max output tokens').fill('300');
    await settings.dialog.getByRole('combobox', { name: 'Reasoning effort' }).selectOption('low');
    await settings.save();

    await spool.send('Hello');
    await expect(spool.lastReply().text).toHaveText('Tuned.');
    expect(lastRequestBody(fake)).toMatchObject({
      temperature: 0.4,
      top_p: 0.9,
      max_tokens: 300,
      reasoning_effort: 'low',
    });

    const inspector = new InspectorDialog(page);
    await inspector.open(spool.lastReply());
    await expect(inspector.sent('Temperature')).toHaveText('0.4');
    await expect(inspector.sent('Top-p')).toHaveText('0.9');
    await expect(inspector.sent('Max output tokens')).toHaveText('300');
    await expect(inspector.sent('Reasoning effort')).toHaveText('low');
    await expect(inspector.sent('System prompt')).toHaveText('none');
  });

  test('an out-of-range temperature is refused in words and the dialog stays open', async ({ page }) => {
    const settings = await ConversationSettingsDialog.open(page);
    await settings.field('Temperature').fill('3');
    await settings.saveButton.click();
    await expect(settings.dialog.getByRole('alert')).toHaveText('temperature is at most 2');
    await expect(settings.dialog).toBeVisible();
  });
});

import type { FakeProvider } from '../fake-provider/server';
import { PNG_1X1 } from '../helpers/attachmentFiles';
import { fakeProviderSettings, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { ComposerAttachments } from './pages/ComposerAttachments';

/** The chat request (not the title request that follows a first reply). */
function chatBody(fake: FakeProvider): string {
  const chats = fake.requests.map((r) => JSON.stringify(r.body)).filter((b) => !b.includes('Write a title'));
  return chats.at(-1) ?? '';
}

const png = { name: 'dot.png', mimeType: 'image/png', buffer: PNG_1X1 };
const notes = { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from('Remember the milk.') };

test.describe('Attachments', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
    say(fake, 'I see it.', 200);
  });

  test('an image dropped on the composer shows as a thumbnail and is sent to the provider as an image', async ({
    spool,
    page,
    fake,
  }) => {
    const attachments = new ComposerAttachments(page);
    await attachments.drop([png]);
    await expect(attachments.chip('dot.png').getByRole('img', { name: 'dot.png' })).toBeVisible();

    await spool.send('What is this?');
    await expect(attachments.chips).toHaveCount(0);
    await expect(spool.lastUserMessage().article.getByRole('img', { name: 'dot.png' })).toBeVisible();
    await expect(spool.lastReply().text).toHaveText('I see it.');
    expect(chatBody(fake)).toContain(`data:image/png;base64,${PNG_1X1.toString('base64')}`);
  });

  test('an image alone, with nothing typed, can be sent and shows as the whole message', async ({
    spool,
    page,
    fake,
  }) => {
    const attachments = new ComposerAttachments(page);
    await expect(spool.sendButton).toBeDisabled();
    await attachments.drop([png]);
    await expect(attachments.chip('dot.png')).toBeVisible();
    await expect(spool.sendButton).toBeEnabled();

    await spool.sendButton.click();
    await expect(attachments.chips).toHaveCount(0);
    const sent = spool.lastUserMessage();
    await expect(sent.article.getByRole('img', { name: 'dot.png' })).toBeVisible();
    await expect(sent.text).toHaveCount(0);
    await expect(spool.lastReply().text).toHaveText('I see it.');
    const user = (JSON.parse(chatBody(fake)) as { messages: { role: string; content: unknown }[] }).messages
      .filter((m) => m.role === 'user')
      .at(-1)!;
    expect(user.content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } },
    ]);
  });

  test('a file pasted into the message box is attached as a chip and its text is sent', async ({
    spool,
    page,
    fake,
  }) => {
    const attachments = new ComposerAttachments(page);
    await attachments.paste([notes]);
    await expect(attachments.chip('notes.md')).toBeVisible();
    await spool.send('Summarise');
    await expect(spool.lastReply().text).toHaveText('I see it.');
    expect(chatBody(fake)).toContain('Remember the milk.');
  });

  test('a file chosen with the Attach button stays attached after a reload and can be removed', async ({
    spool,
    page,
  }) => {
    const attachments = new ComposerAttachments(page);
    await attachments.choose([notes]);
    await expect(attachments.chip('notes.md')).toBeVisible();
    await spool.reload();
    await spool.row('New chat').titleButton.click();
    await expect(attachments.chip('notes.md')).toBeVisible();
    await attachments.remove('notes.md');
    await expect(attachments.chips).toHaveCount(0);
  });

  test('a .png that is not a PNG is refused in words and what was typed stays', async ({ spool, page }) => {
    const attachments = new ComposerAttachments(page);
    await spool.composer.fill('Keep this text');
    await attachments.drop([
      { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image') },
    ]);
    await expect(attachments.error).toHaveText(/Not attached: fake.png is not a PNG image/);
    await expect(attachments.chips).toHaveCount(0);
    await expect(spool.composer).toHaveValue('Keep this text');
  });
});

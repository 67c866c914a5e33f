import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import { PNG_1X1, pdfWithText } from '../../helpers/attachmentFiles';
import { addProvider, attachFile, sendWithAttachments, settled, useChatFixture } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ provider: false });

type Body = { messages: { role: string; content: unknown }[] };
const lastBody = () => chat.fake.requests.at(-1)!.body as Body;
const lastUserContent = () =>
  lastBody()
    .messages.filter((m) => m.role === 'user')
    .at(-1)!.content as Record<string, unknown>[];

const attach = (name: string, data: Buffer | string): Promise<Attachment> =>
  attachFile(chat.t, chat.conversationId, name, data);

const sendWith = (text: string, attachments: Attachment[]): Promise<SentMessage> =>
  sendWithAttachments(chat.t, chat.conversationId, text, attachments);

const draft = async () =>
  (
    await chat.t.ok<{ attachments: Attachment[] }>('attachments.draft', {
      conversationId: chat.conversationId,
    })
  ).attachments;

describe('attachments in the request', () => {
  it('sends an image as a base64 data URL image part in the OpenAI dialect', async () => {
    await addProvider(chat.t, chat.fake.url);
    await sendWith('What is this?', [await attach('dot.png', PNG_1X1)]);
    expect(lastUserContent()).toEqual([
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } },
    ]);
  });

  it('sends an image as a base64 source block in the Anthropic dialect', async () => {
    await addProvider(chat.t, chat.fake.url, { kind: 'anthropic' });
    await sendWith('What is this?', [await attach('dot.png', PNG_1X1)]);
    expect(lastUserContent()).toContainEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: PNG_1X1.toString('base64') },
    });
  });

  it('sends a text file’s name and text with the message in the OpenAI dialect', async () => {
    await addProvider(chat.t, chat.fake.url);
    await sendWith('Summarise', [await attach('notes.md', '# Plan\nShip attachments.')]);
    const user = lastBody()
      .messages.filter((m) => m.role === 'user')
      .at(-1)!;
    expect(JSON.stringify(user.content)).toContain('Attached file: notes.md');
    expect(JSON.stringify(user.content)).toContain('Ship attachments.');
  });

  it('sends a PDF’s extracted text in the Anthropic dialect', async () => {
    await addProvider(chat.t, chat.fake.url, { kind: 'anthropic' });
    await sendWith('Summarise', [await attach('paper.pdf', pdfWithText('Chunks are committed first'))]);
    const text = lastUserContent()
      .map((p) => (p.type === 'text' ? String(p.text) : ''))
      .join('');
    expect(text).toContain('Attached file: paper.pdf');
    expect(text).toContain('Chunks are committed first');
  });

  it('keeps the attachment on the message as a file part naming the library’s copy, and off the draft', async () => {
    await addProvider(chat.t, chat.fake.url);
    const png = await attach('dot.png', PNG_1X1);
    const sent = await sendWith('Look', [png]);
    expect(sent.userMessage.parts).toContainEqual({
      type: 'file',
      mediaType: 'image/png',
      filename: 'dot.png',
      url: `attachment:${png.id}`,
    });
    expect(await draft()).toEqual([]);
  });

  it('sends the image again with the history when a later message is sent', async () => {
    await addProvider(chat.t, chat.fake.url);
    await sendWith('Look', [await attach('dot.png', PNG_1X1)]);
    await sendWith('And now?', []);
    const first = lastBody().messages.find((m) => m.role === 'user')!;
    expect(JSON.stringify(first.content)).toContain(PNG_1X1.toString('base64'));
  });
});

describe('attachments of an edited message', () => {
  it('go with the new version when a message is edited and resent', async () => {
    await addProvider(chat.t, chat.fake.url);
    const sent = await sendWith('Look', [await attach('dot.png', PNG_1X1)]);
    const edited = await chat.t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: 'Look closer',
    });
    await settled(chat.t.core, edited.reply.message.id);
    expect(edited.userMessage.parts.filter((p) => p.type === 'file')).toHaveLength(1);
    expect(JSON.stringify(lastUserContent())).toContain(PNG_1X1.toString('base64'));
  });
});

describe('an earlier attachment missing from the library', () => {
  it('is named in the prompt rather than failing the next reply', async () => {
    await addProvider(chat.t, chat.fake.url);
    const png = await attach('dot.png', PNG_1X1);
    await sendWith('Look', [png]);
    // As a message imported from another library's export would be: the part, not the bytes.
    libraryDb(chat.t.core).prepare('DELETE FROM attachments WHERE id = ?').run(png.id);
    await sendWith('And now?', []); // would throw if the prompt could not be built
    const first = lastBody().messages.find((m) => m.role === 'user')!;
    expect(JSON.stringify(first.content)).toContain('[Attachment dot.png is not in this library]');
  });
});

describe('attachments refused before sending', () => {
  it('answers NOT_FOUND for an attachment that is no longer in the library, and writes no message', async () => {
    await addProvider(chat.t, chat.fake.url);
    const result = await chat.t.call('chat.send', {
      conversationId: chat.conversationId,
      text: 'Look',
      attachmentIds: ['0'.repeat(64)],
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(result)).toMatch(/no longer in the library/);
    expect(libraryDb(chat.t.core).prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(0);
  });
});

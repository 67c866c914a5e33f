/**
 * A message may be only attachments: an image or a PDF sent with no words. What the
 * provider receives is read from the fake provider's recorded requests.
 */
import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import type { SearchResult } from '../../../shared/api/schemas/library';
import { PNG_1X1, pdfWithText } from '../../helpers/attachmentFiles';
import { libraryDb } from '../../helpers/libraryDb';
import { addProvider, attachFile, sendWithAttachments, settled, useChatFixture } from './helpers';

const chat = useChatFixture({ provider: false });

type Body = { messages: { role: string; content: unknown }[] };
const lastBody = () => chat.fake.requests.at(-1)!.body as Body;
const lastUser = () =>
  lastBody()
    .messages.filter((m) => m.role === 'user')
    .at(-1)!;

const attach = (name: string, data: Buffer | string): Promise<Attachment> =>
  attachFile(chat.t, chat.conversationId, name, data);

const sendOnly = (...attachments: Attachment[]): Promise<SentMessage> =>
  sendWithAttachments(chat.t, chat.conversationId, '', attachments);

const messageCount = () => libraryDb(chat.t.core).prepare('SELECT COUNT(*) FROM messages').pluck().get();

describe('a message of attachments only', () => {
  it('saves the user message with its file parts and no text part', async () => {
    await addProvider(chat.t, chat.fake.url);
    const png = await attach('dot.png', PNG_1X1);
    const sent = await sendOnly(png);
    expect(sent.userMessage.parts).toEqual([
      { type: 'file', mediaType: 'image/png', filename: 'dot.png', url: `attachment:${png.id}` },
    ]);
  });

  it('sends an image alone as a user message of one image part in the OpenAI dialect', async () => {
    await addProvider(chat.t, chat.fake.url);
    await sendOnly(await attach('dot.png', PNG_1X1));
    expect(lastUser().content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } },
    ]);
  });

  it('sends an image alone with no text block in the Anthropic dialect', async () => {
    await addProvider(chat.t, chat.fake.url, { kind: 'anthropic' });
    await sendOnly(await attach('dot.png', PNG_1X1));
    expect(lastUser().content).toEqual([
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/png', data: PNG_1X1.toString('base64') },
      },
    ]);
  });

  it('sends a PDF alone as its extracted text', async () => {
    await addProvider(chat.t, chat.fake.url, { kind: 'anthropic' });
    await sendOnly(await attach('paper.pdf', pdfWithText('Chunks are committed first')));
    const text = JSON.stringify(lastUser().content);
    expect(text).toContain('Attached file: paper.pdf');
    expect(text).toContain('Chunks are committed first');
  });

  it('is found by a search for its reply, and the search does not trip over the message without text', async () => {
    await addProvider(chat.t, chat.fake.url);
    const sent = await sendOnly(await attach('dot.png', PNG_1X1));
    const { results } = await chat.t.ok<{ results: SearchResult[] }>('library.search', {
      query: 'fake provider',
    });
    expect(results.map((r) => r.messageId)).toEqual([sent.reply.message.id]);
  });
});

describe('a send with neither text nor attachments', () => {
  it.each([
    ['no attachment list', {}],
    ['an empty attachment list', { attachmentIds: [] }],
  ])(
    'is refused with BAD_REQUEST saying a message needs text or an attachment (%s)',
    async (_label, extra) => {
      await addProvider(chat.t, chat.fake.url);
      const requestsBefore = chat.fake.requests.length;
      const result = await chat.t.call('chat.send', {
        conversationId: chat.conversationId,
        text: '',
        ...extra,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(JSON.stringify(result)).toMatch(/needs text or at least one attachment/);
      expect(messageCount()).toBe(0);
      expect(chat.fake.requests).toHaveLength(requestsBefore);
    },
  );
});

describe('editing a message of attachments only', () => {
  it('resends it with new words and the same attachments', async () => {
    await addProvider(chat.t, chat.fake.url);
    const sent = await sendOnly(await attach('dot.png', PNG_1X1));
    const edited = await chat.t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: 'What colour is it?',
    });
    await settled(chat.t.core, edited.reply.message.id);
    expect(edited.userMessage.parts.map((p) => p.type)).toEqual(['text', 'file']);
    const content = lastUser().content as Record<string, unknown>[];
    expect(content[0]).toEqual({ type: 'text', text: 'What colour is it?' });
    expect(JSON.stringify(content)).toContain(PNG_1X1.toString('base64'));
  });

  it('resends it with no words as a new version of the attachments alone', async () => {
    await addProvider(chat.t, chat.fake.url);
    const sent = await sendOnly(await attach('dot.png', PNG_1X1));
    const edited = await chat.t.ok<SentMessage>('chat.editAndResend', {
      messageId: sent.userMessage.id,
      text: '',
    });
    await settled(chat.t.core, edited.reply.message.id);
    expect(edited.userMessage.parts.map((p) => p.type)).toEqual(['file']);
    expect(JSON.stringify(lastUser().content)).not.toContain('"text"');
  });

  it('refuses to resend a message with no attachments and no words, with BAD_REQUEST', async () => {
    await addProvider(chat.t, chat.fake.url);
    const sent = await chat.t.ok<SentMessage>('chat.send', {
      conversationId: chat.conversationId,
      text: 'Hi',
    });
    await settled(chat.t.core, sent.reply.message.id);
    const before = messageCount();
    const result = await chat.t.call('chat.editAndResend', { messageId: sent.userMessage.id, text: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(result)).toMatch(/needs text or at least one attachment/);
    expect(messageCount()).toBe(before);
  });
});

import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { PNG_1X1, pdfWithText } from '../../helpers/attachmentFiles';
import { useChatFixture } from '../chat/helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture({ provider: false });
const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64');

async function add(name: string, data: Buffer | string, conversationId = chat.conversationId) {
  return chat.t.call('attachments.add', { conversationId, name, dataBase64: b64(data) });
}

describe('attachments.add', () => {
  it('stores a file once by its content hash however often it is attached', async () => {
    const a = (await add('a.png', PNG_1X1)) as { ok: true; data: Attachment };
    const other = await chat.t.ok<Conversation>('conversations.create', {});
    const b = (await add('b.png', PNG_1X1, other.id)) as { ok: true; data: Attachment };
    expect(a.data.id).toMatch(/^[0-9a-f]{64}$/);
    expect(b.data.id).toBe(a.data.id);
    expect(libraryDb(chat.t.core).prepare('SELECT COUNT(*) FROM attachments').pluck().get()).toBe(1);
  });

  it('puts it on the conversation’s draft with its name, type and size', async () => {
    await add('notes.md', '# Plan');
    const { attachments } = await chat.t.ok<{ attachments: Attachment[] }>('attachments.draft', {
      conversationId: chat.conversationId,
    });
    expect(attachments).toEqual([
      expect.objectContaining({ name: 'notes.md', mediaType: 'text/markdown', kind: 'file', size: 6 }),
    ]);
  });

  it('refuses a file over the limit and says the limit', async () => {
    const result = await add('big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(result)).toMatch(/at most 10 MiB/);
  });

  it('refuses a PNG that is not a PNG, and the draft stays as it was', async () => {
    await add('ok.txt', 'kept');
    const result = await add('photo.png', 'plain text pretending');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: { reason: 'not-the-image-it-claims' } },
    });
    const { attachments } = await chat.t.ok<{ attachments: Attachment[] }>('attachments.draft', {
      conversationId: chat.conversationId,
    });
    expect(attachments.map((a) => a.name)).toEqual(['ok.txt']);
    expect(libraryDb(chat.t.core).prepare('SELECT COUNT(*) FROM attachments').pluck().get()).toBe(1);
  });

  it('keeps a PDF’s extracted text as what will be sent', async () => {
    const result = (await add('paper.pdf', pdfWithText('Spool keeps every chunk'))) as {
      ok: true;
      data: Attachment;
    };
    const text = libraryDb(chat.t.core)
      .prepare('SELECT text FROM attachments WHERE id = ?')
      .pluck()
      .get(result.data.id);
    expect(text).toContain('Spool keeps every chunk');
  });

  it('refuses a PDF that fails to parse with the reason', async () => {
    const result = await add('broken.pdf', '%PDF-1.4 this is not really a PDF');
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: { reason: 'pdf-unreadable' } },
    });
    expect(JSON.stringify(result)).toMatch(/broken.pdf could not be read as a PDF/);
  });

  it('answers NOT_FOUND for a conversation that does not exist and stores nothing', async () => {
    const result = await add('a.txt', 'x', 'no-such-conversation');
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(libraryDb(chat.t.core).prepare('SELECT COUNT(*) FROM attachments').pluck().get()).toBe(0);
  });

  it('takes one off the draft with attachments.remove', async () => {
    const added = (await add('a.txt', 'x')) as { ok: true; data: Attachment };
    await chat.t.ok('attachments.remove', {
      conversationId: chat.conversationId,
      attachmentId: added.data.id,
    });
    const { attachments } = await chat.t.ok<{ attachments: Attachment[] }>('attachments.draft', {
      conversationId: chat.conversationId,
    });
    expect(attachments).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { StringSink } from '../../../electron/core/export';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { PNG_1X1 } from '../../helpers/attachmentFiles';
import { addProvider, attachFile, settled, useChatFixture } from '../chat/helpers';
import { importFile, openLib, snapshot } from '../import/helpers';

const chat = useChatFixture({ provider: false });

async function sendWithAttachments(): Promise<Attachment[]> {
  await addProvider(chat.t, chat.fake.url);
  const files: [string, Buffer][] = [
    ['dot.png', PNG_1X1],
    ['notes.md', Buffer.from('# Plan\nShip it.')],
  ];
  const added: Attachment[] = [];
  for (const [name, data] of files) added.push(await attachFile(chat.t, chat.conversationId, name, data));
  const sent = await chat.t.ok<SentMessage>('chat.send', {
    conversationId: chat.conversationId,
    text: 'Look',
    attachmentIds: added.map((a) => a.id),
  });
  await settled(chat.t.core, sent.reply.message.id);
  return added;
}

async function exported(format: 'json' | 'md'): Promise<string> {
  const sink = new StringSink();
  const target: ExportTarget = { kind: 'conversation', conversationId: chat.conversationId, format };
  await chat.t.core.exporter.write(target, sink);
  return sink.text();
}

describe('attachments in a conversation export', () => {
  it('JSON carries each attachment’s bytes as base64 beside its message', async () => {
    const [png, md] = await sendWithAttachments();
    const doc = JSON.parse(await exported('json')) as {
      messages: { role: string; attachments?: { id: string; name: string; dataBase64: string }[] }[];
    };
    const user = doc.messages.find((m) => m.role === 'user')!;
    expect(user.attachments).toEqual([
      expect.objectContaining({ id: png!.id, name: 'dot.png', dataBase64: PNG_1X1.toString('base64') }),
      expect.objectContaining({
        id: md!.id,
        name: 'notes.md',
        dataBase64: Buffer.from('# Plan\nShip it.').toString('base64'),
      }),
    ]);
  });

  it('Markdown links an image to its bytes and shows a file’s text', async () => {
    await sendWithAttachments();
    const md = await exported('md');
    expect(md).toContain(`![📎 dot.png](data:image/png;base64,${PNG_1X1.toString('base64')})`);
    expect(md).toContain('<summary>📎 notes.md (text/markdown)</summary>');
    expect(md).toContain('Ship it.');
  });

  it('JSON imported into another library brings the attachments’ bytes and text back', async () => {
    const [png, md] = await sendWithAttachments();
    const file = path.join(chat.dataDir, 'conversation.json');
    fs.writeFileSync(file, await exported('json'));
    const other = openLib();
    await importFile(other, file);
    expect(other.core.attachments.content(png!.id).dataBase64).toBe(PNG_1X1.toString('base64'));
    expect(other.core.attachments.store.find(md!.id)?.text).toBe('# Plan\nShip it.');
  });
});

describe('a message of attachments only in a conversation export', () => {
  async function sendImageOnly(): Promise<{ png: Attachment; sent: SentMessage }> {
    await addProvider(chat.t, chat.fake.url);
    const png = await attachFile(chat.t, chat.conversationId, 'dot.png', PNG_1X1);
    const sent = await chat.t.ok<SentMessage>('chat.send', {
      conversationId: chat.conversationId,
      text: '',
      attachmentIds: [png.id],
    });
    await settled(chat.t.core, sent.reply.message.id);
    return { png, sent };
  }

  it('Markdown shows the image as the whole of the user’s section', async () => {
    await sendImageOnly();
    const md = await exported('md');
    const section = md.slice(md.indexOf('## User'), md.indexOf('## ', md.indexOf('## User') + 1));
    expect(section.split('\n').filter((l) => l.trim() && !l.startsWith('## '))).toEqual([
      `![📎 dot.png](data:image/png;base64,${PNG_1X1.toString('base64')})`,
    ]);
  });

  it('JSON imported into another library brings the message back with its image and no text', async () => {
    const { png } = await sendImageOnly();
    const file = path.join(chat.dataDir, 'conversation.json');
    fs.writeFileSync(file, await exported('json'));
    const other = openLib();
    await importFile(other, file);
    const messages = snapshot(other)[0]!.messages;
    expect(messages.find((m) => m.role === 'user')!.parts).toEqual([
      expect.objectContaining({ type: 'file', url: `attachment:${png.id}` }),
    ]);
    expect(other.core.attachments.content(png.id).dataBase64).toBe(PNG_1X1.toString('base64'));
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { StringSink } from '../../../electron/core/export';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { PNG_1X1, pdfWithText } from '../../helpers/attachmentFiles';
import { makeTempDir } from '../../helpers/tempDir';
import {
  addProvider,
  attachFile,
  openCore,
  sendWithAttachments,
  settled,
  useChatFixture,
  type TestCore,
} from '../chat/helpers';
import { importFile, openLib, snapshot } from '../import/helpers';

const chat = useChatFixture({ provider: false });

async function sendImageAndNotes(): Promise<Attachment[]> {
  await addProvider(chat.t, chat.fake.url);
  const files: [string, Buffer][] = [
    ['dot.png', PNG_1X1],
    ['notes.md', Buffer.from('# Plan\nShip it.')],
  ];
  const added: Attachment[] = [];
  for (const [name, data] of files) added.push(await attachFile(chat.t, chat.conversationId, name, data));
  await sendWithAttachments(chat.t, chat.conversationId, 'Look', added);
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
    const [png, md] = await sendImageAndNotes();
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
    await sendImageAndNotes();
    const md = await exported('md');
    expect(md).toContain(`![📎 dot.png](data:image/png;base64,${PNG_1X1.toString('base64')})`);
    expect(md).toContain('<summary>📎 notes.md (text/markdown)</summary>');
    expect(md).toContain('Ship it.');
  });

  it('JSON imported into another library brings the attachments’ bytes and text back', async () => {
    const [png, md] = await sendImageAndNotes();
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
    const sent = await sendWithAttachments(chat.t, chat.conversationId, '', [png]);
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

describe('a PDF in a conversation export', () => {
  const PDF = pdfWithText('Quarterly numbers are up');

  async function sendPdf(): Promise<Attachment> {
    await addProvider(chat.t, chat.fake.url);
    const pdf = await attachFile(chat.t, chat.conversationId, 'report.pdf', PDF);
    await sendWithAttachments(chat.t, chat.conversationId, 'Summarise', [pdf]);
    return pdf;
  }

  /** Imports the file into a library of its own, asks one more question there, and returns that prompt. */
  async function importAndAskAgain(file: string): Promise<{ state: string; prompt: string; t: TestCore }> {
    const tmp = makeTempDir('spool-import-pdf-');
    const t = openCore(tmp.dir);
    opened.push({ t, cleanup: tmp.cleanup });
    const { importId } = t.core.imports.start({ path: file });
    const { state, error } = await t.core.imports.settled(importId);
    expect(error).toBeNull();
    await addProvider(t, chat.fake.url);
    const conversationId = t.core.conversations.list()[0]!.id;
    const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'And the totals?' });
    await settled(t.core, sent.reply.message.id);
    return { state, prompt: JSON.stringify(chat.fake.requests.at(-1)!.body), t };
  }

  const opened: { t: TestCore; cleanup: () => void }[] = [];
  afterEach(async () => {
    for (const { t, cleanup } of opened.splice(0)) {
      await t.core.close();
      cleanup();
    }
  });

  it('JSON imported into another library brings the PDF back under its id with its text', async () => {
    const pdf = await sendPdf();
    const file = path.join(chat.dataDir, 'conversation.json');
    fs.writeFileSync(file, await exported('json'));
    const { t } = await importAndAskAgain(file);
    const stored = t.core.attachments.store.find(pdf.id);
    expect(stored?.data.equals(PDF)).toBe(true);
    expect(stored).toMatchObject({ mediaType: 'application/pdf', kind: 'file' });
    expect(stored?.text).toContain('Quarterly numbers are up');
  });

  it('a later reply in the importing library is sent the imported PDF’s text', async () => {
    await sendPdf();
    const file = path.join(chat.dataDir, 'conversation.json');
    fs.writeFileSync(file, await exported('json'));
    const { prompt } = await importAndAskAgain(file);
    expect(prompt).toContain('--- Attached file: report.pdf ---');
    expect(prompt).toContain('Quarterly numbers are up');
    expect(prompt).not.toContain('is not in this library');
  });

  it('a PDF whose bytes hash right but do not parse is left out without failing the import', async () => {
    const pdf = await sendPdf();
    // Bytes that claim to be a PDF, carried under their own hash, as an edited export could.
    const damaged = Buffer.from('%PDF-1.4\nnot a document\n%%EOF\n');
    const damagedId = createHash('sha256').update(damaged).digest('hex');
    const json = (await exported('json'))
      .replaceAll(pdf.id, damagedId)
      .replace(PDF.toString('base64'), damaged.toString('base64'));
    const file = path.join(chat.dataDir, 'conversation.json');
    fs.writeFileSync(file, json);
    const { state, prompt, t } = await importAndAskAgain(file);
    expect(state).toBe('done');
    expect(t.core.messages.list(t.core.conversations.list()[0]!.id)).toHaveLength(4);
    expect(t.core.attachments.store.find(damagedId)).toBeNull();
    expect(prompt).toContain('[Attachment report.pdf is not in this library]');
  });
});

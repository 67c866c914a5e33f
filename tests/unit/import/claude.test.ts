import { describe, expect, test } from 'vitest';
import { claudeConversation, claudeLinear, writeJson, writeZipFile } from './fixtures';
import { importFile, openLib, shownTexts, textOf } from './helpers';

describe('importing a Claude export', () => {
  test('keeps both answers of a retried reply as versions, the later one shown', async () => {
    const lib = openLib();
    const progress = await importFile(lib, writeJson(lib.dir, 'conversations.json', [claudeConversation()]));
    expect(progress).toMatchObject({
      state: 'done',
      format: 'claude',
      conversationsAdded: 1,
      messagesAdded: 3,
    });
    const [conversation] = lib.core.conversations.list();
    const messages = lib.core.messages.list(conversation!.id);
    const [h1, c1, c1b] = messages;
    expect(c1!.parentId).toBe(h1!.id);
    expect(c1b!.parentId).toBe(h1!.id);
    expect(shownTexts(lib, conversation!.id).at(-1)).toBe('The file is about zebras.It is about zebras.');
  });

  test("keeps attachments' extracted text and names files that are not in the export", async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [claudeConversation()]));
    const [conversation] = lib.core.conversations.list();
    const [h1] = lib.core.messages.list(conversation!.id);
    expect(h1!.parts.map((p) => (p.type === 'text' ? p.text : p.type))).toEqual([
      'Summarise this file',
      '\n\n[Attachment notes.txt]\n\nQuarterly notes: zebra',
      '\n\n[File photo.png: not in the export]',
    ]);
  });

  test('keeps thinking as reasoning and a tool use with its result as one finished tool call', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [claudeConversation()]));
    const [conversation] = lib.core.conversations.list();
    const c1b = lib.core.messages.list(conversation!.id)[2]!;
    expect(c1b.parts).toEqual([
      { type: 'reasoning', text: 'The file is about zebras.' },
      {
        type: 'dynamic-tool',
        toolName: 'search',
        toolCallId: 'tu1',
        state: 'output-available',
        input: { q: 'zebra' },
        output: 'Zebras are striped.',
      },
      { type: 'text', text: 'It is about zebras.' },
    ]);
    expect(c1b).toMatchObject({
      role: 'assistant',
      providerName: 'Claude export',
      createdAt: 1_700_000_003_000,
    });
  });

  test('reads an older export without parent ids as one message after another', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [claudeLinear()]));
    const [conversation] = lib.core.conversations.list();
    const messages = lib.core.messages.list(conversation!.id);
    expect(messages.map(textOf)).toEqual(['Hello', 'Hi there', 'Bye']);
    expect(messages.map((m) => m.parentId)).toEqual([null, messages[0]!.id, messages[1]!.id]);
  });

  test('reads the export zip, whose conversations.json sits beside users.json and projects.json', async () => {
    const lib = openLib();
    const zip = writeZipFile(lib.dir, 'data.zip', [
      { name: 'users.json', data: '[]' },
      { name: 'projects.json', data: '[]' },
      { name: 'conversations.json', data: JSON.stringify([claudeConversation(), claudeLinear()]) },
    ]);
    expect(await importFile(lib, zip)).toMatchObject({
      state: 'done',
      conversationsAdded: 2,
      messagesAdded: 6,
    });
  });
});

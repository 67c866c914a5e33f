import { describe, expect, test } from 'vitest';
import { buildTree, versionsOf } from '../../../shared/tree';
import { chatgptConversation, writeJson, writeZipFile } from './fixtures';
import { importFile, openLib, shownTexts, textOf } from './helpers';

function imported(lib: ReturnType<typeof openLib>) {
  const [conversation] = lib.core.conversations.list();
  const messages = lib.core.messages.list(conversation!.id);
  const byText = (t: string) => messages.find((m) => textOf(m) === t || textOf(m).includes(t))!;
  return { conversation: conversation!, messages, byText };
}

describe('importing a ChatGPT export', () => {
  test('keeps every branch of the mapping tree, regenerated answers and edited questions included', async () => {
    const lib = openLib();
    const file = writeJson(lib.dir, 'conversations.json', [chatgptConversation()]);
    const progress = await importFile(lib, file);
    expect(progress).toMatchObject({
      state: 'done',
      format: 'chatgpt',
      conversationsAdded: 1,
      messagesAdded: 8,
    });
    const { messages, byText } = imported(lib);
    expect(messages).toHaveLength(8);
    const a1 = byText('42');
    const a1b = byText('Forty-two');
    expect(a1b.parentId).toBe(a1.parentId);
    expect(versionsOf(buildTree(messages), a1.id).siblings.map((m) => m.id)).toEqual([a1.id, a1b.id]);
    const u1 = byText('What is 6×7?');
    const u1b = byText('Compute 6*7 in Python');
    expect(u1.parentId).toBeNull();
    expect(u1b.parentId).toBeNull();
  });

  test('shows the branch current_node names', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [chatgptConversation()]));
    const { conversation } = imported(lib);
    expect(shownTexts(lib, conversation.id)).toEqual(['What is 6×7?', 'Forty-two']);
  });

  test('skips the root and hidden system nodes, hanging their children from above', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [chatgptConversation()]));
    const { messages } = imported(lib);
    expect(messages.some((m) => m.role === 'system')).toBe(false);
  });

  test('keeps code as a fenced block and execution output as a finished tool call', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [chatgptConversation()]));
    const { messages, byText } = imported(lib);
    expect(textOf(byText('print(6*7)'))).toBe('```python\nprint(6*7)\n```');
    const tool = messages.find((m) => m.parts.some((p) => p.type === 'dynamic-tool'))!;
    expect(tool.parts[0]).toMatchObject({
      type: 'dynamic-tool',
      toolName: 'python',
      state: 'output-available',
      output: '42\n',
    });
    expect(tool.parentId).toBe(byText('print(6*7)').id);
  });

  test('turns an image that is not in the export into a visible placeholder', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [chatgptConversation()]));
    const { byText } = imported(lib);
    expect(textOf(byText('What is in this picture?'))).toBe(
      '[Image file-IMG1, 640×480: not in the export]\n\nWhat is in this picture?',
    );
  });

  test('says where an image is when the zip holds it', async () => {
    const lib = openLib();
    const zip = writeZipFile(lib.dir, 'export.zip', [
      { name: 'conversations.json', data: JSON.stringify([chatgptConversation()]) },
      { name: 'file-IMG1-cat.png', data: 'png bytes' },
      { name: 'user.json', data: '{}' },
    ]);
    expect(await importFile(lib, zip)).toMatchObject({ state: 'done', messagesAdded: 8 });
    const { byText } = imported(lib);
    expect(textOf(byText('What is in this picture?'))).toContain('it is in the export as file-IMG1-cat.png');
  });

  test('records where each message came from: source, original time and model', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [chatgptConversation()]));
    const { conversation, byText } = imported(lib);
    expect(conversation).toMatchObject({ title: 'Arithmetic', createdAt: 1_700_000_000_000 });
    expect(byText('42')).toMatchObject({
      createdAt: 1_700_000_002_000,
      providerName: 'ChatGPT export',
      model: 'gpt-4o',
      streamId: null,
      status: 'complete',
    });
    expect(byText('Forty-two').model).toBe('gpt-4o-mini');
    expect(byText('What is 6×7?')).toMatchObject({ providerName: null, model: null });
  });
});

import { describe, expect, test } from 'vitest';
import { StringSink } from '../../../electron/core/export';
import { ApiFailure } from '../../../shared/api/result';
import { searchMessages } from '../../../electron/core/library/search';
import { chatgptConversation, chatgptSmall, claudeConversation, writeJson } from './fixtures';
import { counts, importFile, openLib, shownTexts, snapshot } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

type Json = Record<string, unknown>;

describe('importing again', () => {
  test('the same file again adds nothing', async () => {
    const lib = openLib();
    const file = writeJson(lib.dir, 'c.json', [chatgptConversation(), claudeConversation(), chatgptSmall(1)]);
    await importFile(lib, file);
    const before = snapshot(lib);
    const again = await importFile(lib, file);
    expect(again).toMatchObject({ state: 'done', conversations: 3, conversationsAdded: 0, messagesAdded: 0 });
    expect(snapshot(lib)).toEqual(before);
  });

  test('a newer export of the same account adds only the new conversation and the new replies', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'old.json', [chatgptConversation()]));
    const newer = chatgptConversation() as Json & { mapping: Record<string, Json> };
    const a1b = newer.mapping.a1b!;
    a1b.children = ['u3'];
    newer.mapping.u3 = {
      id: 'u3',
      parent: 'a1b',
      children: [],
      message: {
        id: 'u3',
        author: { role: 'user' },
        create_time: 1_700_000_100,
        content: { content_type: 'text', parts: ['And 7×8?'] },
        metadata: {},
      },
    };
    newer.current_node = 'u3';
    const progress = await importFile(lib, writeJson(lib.dir, 'new.json', [newer, chatgptSmall(2)]));
    expect(progress).toMatchObject({ conversations: 2, conversationsAdded: 1, messagesAdded: 3 });
    expect(counts(lib)).toEqual({ conversations: 2, messages: 11 });
    const arithmetic = lib.core.conversations.list().find((c) => c.title === 'Arithmetic')!;
    expect(shownTexts(lib, arithmetic.id)).toEqual(['What is 6×7?', 'Forty-two', 'And 7×8?']);
  });

  test('a zip and its conversations.json are the same export', async () => {
    const lib = openLib();
    const conversations = [chatgptSmall(1), chatgptSmall(2)];
    await importFile(lib, writeJson(lib.dir, 'conversations.json', conversations));
    const { writeZipFile } = await import('./fixtures');
    const zip = writeZipFile(lib.dir, 'export.zip', [
      { name: 'conversations.json', data: JSON.stringify(conversations) },
    ]);
    expect(await importFile(lib, zip)).toMatchObject({ conversationsAdded: 0, messagesAdded: 0 });
  });
});

describe('imported messages', () => {
  test('are found by search as soon as the import ends', async () => {
    const lib = openLib();
    await importFile(
      lib,
      writeJson(lib.dir, 'c.json', [claudeConversation(), chatgptSmall(7, 'Where do narwhals live?')]),
    );
    expect(searchMessages(libraryDb(lib.core), 'narwhal', 10).map((r) => r.conversationId)).toHaveLength(1);
    // An attachment's extracted text is searchable too.
    expect(searchMessages(libraryDb(lib.core), 'quarterly', 10)).toHaveLength(1);
  });

  test('have no chunk log: raw export says so with a typed error, text export gives their text', async () => {
    const lib = openLib();
    await importFile(lib, writeJson(lib.dir, 'c.json', [chatgptSmall(1)]));
    const [conversation] = lib.core.conversations.list();
    const reply = lib.core.messages.list(conversation!.id)[1]!;
    const raw = lib.core.exporter.write(
      { kind: 'message', messageId: reply.id, format: 'raw' },
      new StringSink(),
    );
    await expect(raw).rejects.toBeInstanceOf(ApiFailure);
    await expect(raw).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        /imported from a ChatGPT export on \d{4}-\d\d-\d\d: it has no chunk log/,
      ),
    });
    expect(() =>
      lib.core.exporter.describe({ kind: 'message', messageId: reply.id, format: 'jsonl' }),
    ).toThrow(/no chunk log/);
    const text = new StringSink();
    await lib.core.exporter.write({ kind: 'message', messageId: reply.id, format: 'text' }, text);
    expect(text.text()).toBe('Answer 1');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  chatgptConversation,
  chatgptSmall,
  claudeConversation,
  writeDeflatedZip,
  writeJson,
  writeZipFile,
} from './fixtures';
import { counts, importFile, openLib } from './helpers';

type Json = Record<string, unknown>;

/** A library that already holds one conversation, which a bad import must leave as it is. */
async function libraryWithOne(options: { maxUncompressedBytes?: number } = {}) {
  const lib = openLib(options);
  await importFile(lib, writeJson(lib.dir, 'first.json', [chatgptSmall(0)]));
  return lib;
}

describe('bad input', () => {
  test('a truncated file fails with BAD_REQUEST and keeps only the whole conversations before the break', async () => {
    const lib = await libraryWithOne();
    const whole = JSON.stringify([chatgptSmall(1), chatgptSmall(2)]);
    const file = path.join(lib.dir, 'cut.json');
    fs.writeFileSync(file, whole.slice(0, whole.length - 40));
    const result = await importFile(lib, file);
    expect(result.state).toBe('failed');
    expect(result.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/truncated or not valid JSON/),
    });
    expect(counts(lib)).toEqual({ conversations: 2, messages: 4 });
  });

  test('a zip without conversations.json is refused and nothing changes', async () => {
    const lib = await libraryWithOne();
    const zip = writeZipFile(lib.dir, 'x.zip', [{ name: 'chat.html', data: '<html></html>' }]);
    expect((await importFile(lib, zip)).error).toEqual({
      code: 'BAD_REQUEST',
      message: 'This zip has no conversations.json: it is not a ChatGPT or Claude data export.',
    });
    expect(counts(lib)).toEqual({ conversations: 1, messages: 2 });
  });

  test('an unknown format is refused and nothing changes', async () => {
    const lib = await libraryWithOne();
    for (const body of [
      '{"hello": "world"}',
      '[{"id": 1, "text": "not a conversation"}]',
      'plain text',
      '',
    ]) {
      const file = path.join(lib.dir, 'unknown.json');
      fs.writeFileSync(file, body);
      const result = await importFile(lib, file);
      expect(result.error?.code).toBe('BAD_REQUEST');
      expect(result.error?.message).toMatch(/Unknown format|empty/);
    }
    expect(counts(lib)).toEqual({ conversations: 1, messages: 2 });
  });

  test('a missing file is NOT_FOUND', async () => {
    const lib = await libraryWithOne();
    expect((await importFile(lib, path.join(lib.dir, 'nope.zip'))).error?.code).toBe('NOT_FOUND');
  });

  test('a zip bomb is refused by the size its directory declares', async () => {
    const lib = await libraryWithOne({ maxUncompressedBytes: 1024 * 1024 });
    const file = path.join(lib.dir, 'bomb.zip');
    writeDeflatedZip(file, 'conversations.json', Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(fs.statSync(file).size).toBeLessThan(64 * 1024);
    const result = await importFile(lib, file);
    expect(result.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/would inflate to 8388608 bytes/),
    });
    expect(counts(lib)).toEqual({ conversations: 1, messages: 2 });
  });

  test('a zip bomb that lies about its size is stopped while inflating', async () => {
    const lib = await libraryWithOne({ maxUncompressedBytes: 1024 * 1024 });
    const file = path.join(lib.dir, 'liar.zip');
    const body = Buffer.concat([Buffer.from('['), Buffer.alloc(8 * 1024 * 1024, 0x20), Buffer.from(']')]);
    writeDeflatedZip(file, 'conversations.json', body, 1000);
    const result = await importFile(lib, file);
    expect(result.state).toBe('failed');
    expect(result.error?.code).toBe('BAD_REQUEST');
    expect(counts(lib)).toEqual({ conversations: 1, messages: 2 });
  });

  test('a conversation with a cycle of parents is skipped and reported; the others are imported', async () => {
    const lib = openLib();
    const cyclic = chatgptConversation('cyclic', 'Loops') as Json & { mapping: Record<string, Json> };
    cyclic.mapping.u1!.parent = 'a1';
    const result = await importFile(
      lib,
      writeJson(lib.dir, 'c.json', [chatgptSmall(1), cyclic, chatgptSmall(2)]),
    );
    expect(result).toMatchObject({ state: 'done', conversations: 3, conversationsAdded: 2 });
    expect(result.skipped).toEqual([
      { sourceId: 'cyclic', title: 'Loops', reason: expect.stringMatching(/cycle of parents/) },
    ]);
    expect(
      lib.core.conversations
        .list()
        .map((c) => c.title)
        .sort(),
    ).toEqual(['Small 1', 'Small 2']);
  });

  test('a Claude conversation whose message answers a missing parent is skipped and reported', async () => {
    const lib = openLib();
    const broken = claudeConversation('broken') as Json & { chat_messages: Json[] };
    broken.chat_messages[1]!.parent_message_uuid = 'gone';
    const result = await importFile(lib, writeJson(lib.dir, 'c.json', [broken, claudeConversation('fine')]));
    expect(result.skipped).toEqual([
      {
        sourceId: 'broken',
        title: 'Reading a file',
        reason: 'message c1 answers gone, which is not in the export',
      },
    ]);
    expect(counts(lib)).toEqual({ conversations: 1, messages: 3 });
  });
});

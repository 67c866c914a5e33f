import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ImportProgress } from '../../../shared/api/schemas/import';
import { messagesPerConversation, writeSyntheticExport } from '../../helpers/syntheticExport';
import { chatgptSmall, writeJson } from './fixtures';
import { openLib } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

describe('the import API', () => {
  test('import.start answers an id, import.progress events follow it to done, import.status agrees', async () => {
    const lib = openLib();
    const events: ImportProgress[] = [];
    const client = lib.core.connect((e) => {
      if (e.name === 'import.progress') events.push(e.payload);
    });
    const file = writeJson(lib.dir, 'c.json', [chatgptSmall(1), chatgptSmall(2)]);
    const started = await client.call('import.start', { path: file });
    if (!started.ok) throw new Error(started.error.message);
    const { importId } = started.data as { importId: string };
    const final = await lib.core.imports.settled(importId);
    expect(events.at(-1)).toEqual(final);
    expect(final).toMatchObject({
      importId,
      state: 'done',
      conversationsAdded: 2,
      bytesRead: final.totalBytes,
    });
    const status = await client.call('import.status', { importId });
    expect(status).toEqual({ ok: true, data: final });
    client.dispose();
  });

  test('import.choose says when there is no file picker (browser mode, CLI)', async () => {
    const lib = openLib();
    const client = lib.core.connect(() => {});
    expect(await client.call('import.choose', {})).toEqual({
      ok: true,
      data: { available: false, path: null },
    });
    client.dispose();
  });

  test('import.cancel stops between conversations: those imported are whole, the rest can follow', async () => {
    const lib = openLib();
    const synthetic = writeSyntheticExport(path.join(lib.dir, 'big.json'), {
      conversations: 600,
      turns: 3,
      textChars: 200,
    });
    const client = lib.core.connect(() => {});
    const started = await client.call('import.start', { path: synthetic.file });
    if (!started.ok) throw new Error(started.error.message);
    const { importId } = started.data as { importId: string };
    while (lib.core.imports.status(importId).conversations < 20) await new Promise((r) => setTimeout(r, 5));
    const cancelled = await client.call('import.cancel', { importId });
    if (!cancelled.ok) throw new Error(cancelled.error.message);
    const stopped = cancelled.data as ImportProgress;
    expect(stopped.state).toBe('cancelled');
    expect(stopped.conversationsAdded).toBeLessThan(600);
    const perConversation = libraryDb(lib.core)
      .prepare('SELECT COUNT(*) FROM messages GROUP BY conversation_id')
      .pluck()
      .all() as number[];
    expect(perConversation).toHaveLength(stopped.conversationsAdded);
    expect(perConversation.every((n) => n === messagesPerConversation(3))).toBe(true);

    const rest = await lib.core.imports.settled(lib.core.imports.start({ path: synthetic.file }).importId);
    expect(rest.conversationsAdded).toBe(600 - stopped.conversationsAdded);
    client.dispose();
  });

  test('a bad request is refused by the schema: neither a path nor an upload id', async () => {
    const lib = openLib();
    const client = lib.core.connect(() => {});
    const result = await client.call('import.start', {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    client.dispose();
  });
});

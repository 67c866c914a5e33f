import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { StringSink } from '../../../electron/core/export';
import { openLibrary, send, useFakeProvider, type Library } from './helpers';

const fake = useFakeProvider(0);

/** Two chats in a folder "Trips", one outside it. */
async function library(): Promise<{ lib: Library; folderId: string; inside: string[]; outside: string }> {
  const lib = await openLibrary(fake.url());
  const folder = lib.core.folders.create('Trips');
  const a = await send(lib, 'script:hello', { prompt: 'Lisbon' });
  const b = await send(lib, 'script:hello', { prompt: 'Porto' });
  const c = await send(lib, 'script:hello', { prompt: 'Taxes' });
  lib.core.conversations.move(a.conversationId, folder.id);
  lib.core.conversations.move(b.conversationId, folder.id);
  return {
    lib,
    folderId: folder.id,
    inside: [a.conversationId, b.conversationId],
    outside: c.conversationId,
  };
}

describe('exporting a folder', () => {
  test('as JSON holds its conversations only, and names the folder', async () => {
    const { lib, folderId, inside } = await library();
    const sink = new StringSink();
    const progress: { done: number; total: number }[] = [];
    await lib.exporter.write({ kind: 'folder', folderId, format: 'json' }, sink, (p) => progress.push(p));
    const doc = JSON.parse(sink.text()) as {
      format: string;
      folder: { name: string };
      conversations: { conversation: { id: string } }[];
    };
    expect(doc.format).toBe('spool-library');
    expect(doc.folder.name).toBe('Trips');
    expect(doc.conversations.map((c) => c.conversation.id).sort()).toEqual([...inside].sort());
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
  });

  test('as a Markdown folder writes one file per conversation of the folder', async () => {
    const { lib, folderId } = await library();
    const dir = path.join(lib.dir, 'trips-out');
    const saved = await lib.exporter.saveTo({ kind: 'folder', folderId, format: 'markdown-folder' }, dir);
    expect(saved.files).toBe(2);
    expect(
      fs
        .readdirSync(dir)
        .sort()
        .map((f) => f.split(' (')[0]),
    ).toEqual(['Lisbon', 'Porto']);
  });

  test('is suggested under the folder’s name', async () => {
    const { lib, folderId } = await library();
    const target: ExportTarget = { kind: 'folder', folderId, format: 'json' };
    expect(lib.exporter.describe(target)).toMatchObject({ fileName: 'Trips.json', directory: false });
  });

  test('of a folder that does not exist is NOT_FOUND', async () => {
    const { lib } = await library();
    expect(() => lib.exporter.describe({ kind: 'folder', folderId: 'nope', format: 'json' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});

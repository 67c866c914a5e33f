import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { StringSink } from '../../../electron/core/export';
import { openLibrary, send, streamStatus, useFakeProvider, type Library } from '../export/helpers';
import { importFile, openLib, type Lib } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

const fake = useFakeProvider(0);

/** A library with a regenerated reply (two versions), split UTF-8, reasoning and a tool call. */
async function sourceLibrary(): Promise<Library> {
  const lib = await openLibrary(fake.url());
  const first = await send(lib, 'script:split-utf8', { prompt: 'Split me' });
  const client = lib.core.connect(() => {});
  const regenerated = await client.call('chat.regenerate', {
    messageId: first.messageId,
    model: 'script:hello',
  });
  client.dispose();
  if (!regenerated.ok) throw new Error(regenerated.error.message);
  const streamId = (regenerated.data as { streamId: string }).streamId;
  await waitFor(() => streamStatus(libraryDb(lib.core), streamId) !== 'streaming', 'the regenerated reply');
  // Show the first version again, so "which version is shown" is not just "the latest".
  lib.core.messages.select(first.messageId);
  await send(lib, 'script:reasoning', { prompt: 'Think', conversationId: first.conversationId });
  await send(lib, 'script:tool-call', { prompt: 'Use a tool' });
  lib.core.flushAll();
  return lib;
}

async function textExport(core: Library['core'] | Lib['core'], messageId: string): Promise<string> {
  const sink = new StringSink();
  await core.exporter.write({ kind: 'message', messageId, format: 'text' }, sink);
  return sink.text();
}

/** A conversation as a shape to compare across libraries (ids differ; the tree is by position). */
function shape(core: Library['core'] | Lib['core']) {
  return core.conversations.list().map((c) => {
    const messages = core.messages.list(c.id);
    const index = new Map(messages.map((m, i) => [m.id, i]));
    return {
      title: c.title,
      createdAt: c.createdAt,
      messages: messages.map((m) => ({
        role: m.role,
        parts: m.parts,
        status: m.status,
        createdAt: m.createdAt,
        selectedAt: m.selectedAt,
        parent: m.parentId === null ? null : index.get(m.parentId),
        providerName: m.providerName,
        model: m.model,
      })),
    };
  });
}

describe("importing Spool's own JSON export", () => {
  test('a library round trip into an empty library gives the same conversations, versions and text', async () => {
    const source = await sourceLibrary();
    const file = path.join(source.dir, 'library.json');
    await source.core.exporter.saveTo({ kind: 'library', format: 'json' }, file);

    const target = openLib();
    const progress = await importFile(target, file);
    expect(progress).toMatchObject({
      state: 'done',
      format: 'spool',
      conversationsAdded: 2,
      messagesAdded: 7,
    });
    expect(shape(target.core)).toEqual(shape(source.core));

    const sourceTexts = await Promise.all(
      source.core.conversations
        .list()
        .flatMap((c) => source.core.messages.list(c.id))
        .map((m) => textExport(source.core, m.id)),
    );
    const targetTexts = await Promise.all(
      target.core.conversations
        .list()
        .flatMap((c) => target.core.messages.list(c.id))
        .map((m) => textExport(target.core, m.id)),
    );
    expect(targetTexts).toEqual(sourceTexts);
    // split-utf8 streams multi-byte characters: the text is not plain ASCII.
    expect(targetTexts.some((t) => Buffer.byteLength(t) !== t.length)).toBe(true);
  });

  test('a conversation export imports as one conversation', async () => {
    const source = await sourceLibrary();
    const [conversation] = source.core.conversations.list();
    const file = path.join(source.dir, 'conversation.json');
    await source.core.exporter.saveTo(
      { kind: 'conversation', conversationId: conversation!.id, format: 'json' },
      file,
    );
    const target = openLib();
    expect(await importFile(target, file)).toMatchObject({ state: 'done', conversationsAdded: 1 });
    expect(shape(target.core)).toEqual(shape(source.core).filter((c) => c.title === conversation!.title));
  });

  test('an export written before the message tree (no parentId) reads as one branch', async () => {
    const target = openLib();
    const message = (id: string, role: string, text: string, createdAt: number) => ({
      id,
      role,
      parts: [{ type: 'text', text }],
      status: 'complete',
      createdAt,
      updatedAt: createdAt,
      streams: role === 'assistant' ? [{ provider: 'p', providerName: 'Old server', model: 'm-1' }] : [],
    });
    const file = path.join(target.dir, 'old.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        format: 'spool-conversation',
        version: 1,
        exportedAt: 5,
        conversation: { id: 'old', title: 'Old', createdAt: 1, updatedAt: 4 },
        messages: [
          message('m1', 'user', 'one', 1),
          message('m2', 'assistant', 'two', 2),
          message('m3', 'user', 'three', 3),
        ],
      }),
    );
    await importFile(target, file);
    const [conversation] = target.core.conversations.list();
    const messages = target.core.messages.list(conversation!.id);
    expect(messages.map((m) => m.parentId)).toEqual([null, messages[0]!.id, messages[1]!.id]);
    expect(messages[1]).toMatchObject({ providerName: 'Old server', model: 'm-1' });
  });
});

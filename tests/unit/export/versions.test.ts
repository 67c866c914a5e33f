import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ExportedMessage } from '../../../electron/core/export/documents';
import { StringSink } from '../../../electron/core/export';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { DEFAULT_TEXT, SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import {
  loggedChunks,
  loggedText,
  openLibrary,
  send,
  streamStatus,
  useFakeProvider,
  type Library,
} from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

/** Every version is exported: a regenerated reply, an edited prompt, and what hangs below each. */

const fake = useFakeProvider(0);

async function exportString(lib: Library, target: ExportTarget): Promise<string> {
  const sink = new StringSink();
  await lib.exporter.write(target, sink);
  return sink.text();
}

async function call<T>(lib: Library, channel: string, request: unknown): Promise<T> {
  const client = lib.core.connect(() => {});
  const result = await client.call(channel as 'chat.regenerate', request as never);
  client.dispose();
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data as T;
}

/** Waits until the reply's newest stream has ended. */
async function ended(lib: Library, streamId: string): Promise<void> {
  await waitFor(() => streamStatus(libraryDb(lib.core), streamId) !== 'streaming', 'the reply to end');
}

/**
 * "tell me" answered three times: hello (1), split-utf8 (2), and a cut reply (3,
 * shown); then the prompt edited to "tell me again", answered by hello (shown):
 *
 *   tell me ─┬─ r1 (hello)      tell me again ── r4 (hello)   ← shown
 *            ├─ r2 (split-utf8)
 *            └─ r3 (cut)
 */
async function versions(lib: Library) {
  const first = await send(lib, 'script:hello', { prompt: 'tell me' });
  const r2 = await call<{ message: { id: string }; streamId: string }>(lib, 'chat.regenerate', {
    messageId: first.messageId,
    model: 'script:split-utf8',
  });
  await ended(lib, r2.streamId);
  const r3 = await call<{ message: { id: string }; streamId: string }>(lib, 'chat.regenerate', {
    messageId: first.messageId,
    model: 'script:cut-after-5',
  });
  await ended(lib, r3.streamId);
  const edited = await call<{
    userMessage: { id: string };
    reply: { message: { id: string }; streamId: string };
  }>(lib, 'chat.editAndResend', {
    messageId: first.userMessageId,
    text: 'tell me again',
    model: 'script:hello',
  });
  await ended(lib, edited.reply.streamId);
  return {
    conversationId: first.conversationId,
    prompt: first.userMessageId,
    replies: [
      { id: first.messageId, streamId: first.streamId },
      { id: r2.message.id, streamId: r2.streamId },
      { id: r3.message.id, streamId: r3.streamId },
    ],
    edited: edited.userMessage.id,
    r4: { id: edited.reply.message.id, streamId: edited.reply.streamId },
  };
}

describe('export of every version', () => {
  test('each version, shown or not, exports its own text, jsonl and raw exactly as logged', async () => {
    const lib = await openLibrary(fake.url());
    const v = await versions(lib);
    for (const { id, streamId } of [...v.replies, v.r4]) {
      const logged = loggedChunks(libraryDb(lib.core), streamId);
      expect(await exportString(lib, { kind: 'message', messageId: id, format: 'text' })).toBe(
        loggedText(libraryDb(lib.core), streamId),
      );
      const jsonl = (await exportString(lib, { kind: 'message', messageId: id, format: 'jsonl' }))
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { stream_id: string; seq: number; payload: unknown });
      expect(jsonl.map((l) => [l.stream_id, l.seq, l.payload])).toEqual(
        logged.map((c) => [streamId, c.seq, c.chunk]),
      );
      const raw = (await exportString(lib, { kind: 'message', messageId: id, format: 'raw' }))
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown);
      expect(raw).toEqual(logged.flatMap(({ chunk }) => (chunk.type === 'raw' ? [chunk.value] : [])));
    }
    expect(await exportString(lib, { kind: 'message', messageId: v.replies[0]!.id, format: 'text' })).toBe(
      DEFAULT_TEXT,
    );
    expect(await exportString(lib, { kind: 'message', messageId: v.replies[1]!.id, format: 'text' })).toBe(
      SPLIT_UTF8_TEXT,
    );
    expect(await exportString(lib, { kind: 'message', messageId: v.prompt, format: 'text' })).toBe('tell me');
  });

  test('a version on its own in md says which version it is and that it is not shown', async () => {
    const lib = await openLibrary(fake.url());
    const v = await versions(lib);
    const md = await exportString(lib, { kind: 'message', messageId: v.replies[1]!.id, format: 'md' });
    expect(md.split('\n')[0]).toContain('version 2 of 3 (not shown)');
    expect(md).toContain(SPLIT_UTF8_TEXT);
  });

  test('conversation json carries every version with its parent, whether it is shown, and who answered', async () => {
    const lib = await openLibrary(fake.url());
    const v = await versions(lib);
    const doc = JSON.parse(
      await exportString(lib, { kind: 'conversation', conversationId: v.conversationId, format: 'json' }),
    ) as { messages: ExportedMessage[] };
    const byId = new Map(doc.messages.map((m) => [m.id, m]));
    expect(doc.messages.map((m) => m.id)).toEqual([
      v.prompt,
      ...v.replies.map((r) => r.id),
      v.edited,
      v.r4.id,
    ]);
    for (const r of v.replies) expect(byId.get(r.id)).toMatchObject({ parentId: v.prompt, shown: false });
    expect(v.replies.map((r) => byId.get(r.id)!.version)).toEqual([
      { index: 1, count: 3 },
      { index: 2, count: 3 },
      { index: 3, count: 3 },
    ]);
    expect(byId.get(v.prompt)).toMatchObject({
      parentId: null,
      shown: false,
      version: { index: 1, count: 2 },
    });
    expect(byId.get(v.edited)).toMatchObject({
      parentId: null,
      shown: true,
      version: { index: 2, count: 2 },
    });
    expect(byId.get(v.r4.id)).toMatchObject({ parentId: v.edited, shown: true, model: 'script:hello' });
    expect(byId.get(v.replies[1]!.id)).toMatchObject({
      providerId: lib.providerId,
      providerName: 'Fake',
      model: 'script:split-utf8',
    });
    expect(byId.get(v.replies[2]!.id)!.streams.map((s) => s.id)).toEqual([v.replies[2]!.streamId]);
  });

  test('conversation md shows the shown branch, then the other versions, each labelled', async () => {
    const lib = await openLibrary(fake.url());
    const v = await versions(lib);
    const md = await exportString(lib, {
      kind: 'conversation',
      conversationId: v.conversationId,
      format: 'md',
    });
    const [shown, others] = md.split('## Other versions');
    expect(others).toBeDefined();
    expect(shown).toContain('2 message(s) · 4 in other versions');
    expect(shown).toMatch(/## User · .*\n\ntell me again\n/);
    expect(shown).toMatch(/## Assistant · complete · .*Fake \/ script:hello\n\n/);
    expect(shown).not.toContain(SPLIT_UTF8_TEXT);
    const headings = others!.split('\n').filter((l) => l.startsWith('### '));
    expect(headings.map((h) => h.split(' · ')[0])).toEqual([
      '### Prompt 1 of 2',
      '### Reply 1 of 3 to “tell me”',
      '### Reply 2 of 3 to “tell me”',
      '### Reply 3 of 3 to “tell me”',
    ]);
    expect(headings[2]).toContain('Fake / script:split-utf8');
    expect(others).toContain(SPLIT_UTF8_TEXT);
    expect(others).toMatch(
      /### Reply 3 of 3 .*\n\n[\s\S]*> \*Interrupted|### Reply 3 of 3 .*\n\n[\s\S]*> \*\*Error/,
    );
  });

  test('library json and markdown carry every version too', async () => {
    const lib = await openLibrary(fake.url());
    const v = await versions(lib);
    const doc = JSON.parse(await exportString(lib, { kind: 'library', format: 'json' })) as {
      conversations: { messages: ExportedMessage[] }[];
    };
    const messages = doc.conversations[0]!.messages;
    expect(messages).toHaveLength(6);
    expect(messages.filter((m) => m.shown).map((m) => m.id)).toEqual([v.edited, v.r4.id]);
    const dir = path.join(lib.dir, 'md');
    await lib.exporter.saveTo({ kind: 'library', format: 'markdown-folder' }, dir);
    const [file] = fs.readdirSync(dir);
    const md = fs.readFileSync(path.join(dir, file!), 'utf8');
    expect(md).toContain('## Other versions');
    expect(md).toContain('### Reply 2 of 3 to “tell me”');
  });

  test('a deleted version is left out of every document, and exporting it is NOT_FOUND', async () => {
    const lib = await openLibrary(fake.url());
    const v = await versions(lib);
    await call(lib, 'messages.delete', { messageId: v.replies[1]!.id, scope: 'version' });
    const doc = JSON.parse(
      await exportString(lib, { kind: 'conversation', conversationId: v.conversationId, format: 'json' }),
    ) as { messages: ExportedMessage[] };
    expect(doc.messages.map((m) => m.id)).not.toContain(v.replies[1]!.id);
    expect(doc.messages.find((m) => m.id === v.replies[0]!.id)!.version).toEqual({ index: 1, count: 2 });
    const md = await exportString(lib, {
      kind: 'conversation',
      conversationId: v.conversationId,
      format: 'md',
    });
    expect(md).not.toContain(SPLIT_UTF8_TEXT);
    await expect(
      exportString(lib, { kind: 'message', messageId: v.replies[1]!.id, format: 'text' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

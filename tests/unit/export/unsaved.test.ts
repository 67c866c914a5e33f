import { describe, expect, test } from 'vitest';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { StringSink } from '../../../electron/core/export';
import { loggedText, openLibrary, send, streamStatus, useFakeProvider, type Library } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { coreConnection, libraryDb } from '../../helpers/libraryDb';

// Slow enough that the reply is still streaming while the disk "fills up".
const fake = useFakeProvider(60);

async function exportString(
  lib: Library,
  target: ExportTarget,
): Promise<{ text: string; warning: string | null }> {
  const sink = new StringSink();
  const outcome = await lib.exporter.write(target, sink);
  return { text: sink.text(), warning: outcome.warning };
}

describe('§3.10 a reply that is not being saved', () => {
  test('still exports from the in-memory tail, and every format says it may be incomplete', async () => {
    const lib = await openLibrary(fake.url());
    const { core } = lib;
    const { messageId, streamId } = await send(lib, 'script:long?tokens=400', { wait: false });
    await waitFor(() => loggedText(libraryDb(core), streamId).length > 20, 'some text in the log');

    // The disk is full: the database may not grow by a single page.
    const pages = coreConnection(core).pragma('page_count', { simple: true }) as number;
    coreConnection(core).pragma(`max_page_count = ${pages}`);
    try {
      await waitFor(() => core.engine.storageFault !== null, 'the storage failure');
      expect(core.engine.storageFault!.code).toBe('SQLITE_FULL');
      const tailText = () =>
        core.engine
          .readTail(streamId)
          .map((c) => (c.chunk.type === 'text-delta' ? c.chunk.delta : ''))
          .join('');
      await waitFor(
        () => tailText().length > 10 && core.messages.get(messageId).unsaved,
        'live text not saved',
      );

      const logged = loggedText(libraryDb(core), streamId);
      const text = await exportString(lib, { kind: 'message', messageId, format: 'text' });
      // Byte-exact text: the log, then memory; the warning travels beside it, not in it.
      expect(text.text.startsWith(logged + tailText().slice(0, 10))).toBe(true);
      expect(text.text.length).toBeGreaterThan(logged.length);
      expect(text.text).not.toContain('Warning');
      expect(text.warning).toMatch(/not being saved \(SQLITE_FULL.*may be incomplete/);

      const described = lib.exporter.describe({ kind: 'message', messageId, format: 'text' });
      expect(described).toMatchObject({ incomplete: true, warning: expect.stringContaining('SQLITE_FULL') });

      const md = await exportString(lib, { kind: 'message', messageId, format: 'md' });
      expect(md.text).toMatch(/> \*\*Warning:\*\* This reply is not being saved/);
      expect(md.text).toContain(text.text.slice(logged.length, logged.length + 10));

      const jsonl = (await exportString(lib, { kind: 'message', messageId, format: 'jsonl' })).text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { seq: number; unsaved?: boolean });
      expect(jsonl.map((l) => l.seq)).toEqual(jsonl.map((_, i) => i));
      expect(jsonl.some((l) => l.unsaved === true)).toBe(true);
      expect(jsonl.filter((l) => !l.unsaved).length).toBe(
        libraryDb(core)
          .prepare('SELECT COUNT(DISTINCT seq) FROM chunks WHERE stream_id = ?')
          .pluck()
          .get(streamId),
      );

      const conversation = JSON.parse(
        (
          await exportString(lib, {
            kind: 'conversation',
            conversationId: core.messages.get(messageId).conversationId,
            format: 'json',
          })
        ).text,
      ) as {
        messages: {
          id: string;
          incomplete?: boolean;
          warning?: string;
          parts: { type: string; text?: string }[];
        }[];
      };
      const exported = conversation.messages.find((m) => m.id === messageId)!;
      expect(exported.incomplete).toBe(true);
      expect(exported.parts.find((p) => p.type === 'text')!.text!.length).toBeGreaterThan(logged.length);
    } finally {
      coreConnection(core).pragma('max_page_count = 1073741823');
    }

    // Space is back: the tail lands with no gap, and the export is whole and unflagged.
    await waitFor(() => core.engine.storageFault === null, 'storage to recover');
    const client = core.connect(() => {});
    await client.call('chat.stop', { messageId });
    client.dispose();
    await waitFor(() => streamStatus(libraryDb(core), streamId) !== 'streaming', 'the reply to end');
    const after = await exportString(lib, { kind: 'message', messageId, format: 'text' });
    expect(after.warning).toBeNull();
    expect(after.text).toBe(loggedText(libraryDb(core), streamId));
  });
});

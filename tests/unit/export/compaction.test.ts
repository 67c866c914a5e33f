import { describe, expect, test } from 'vitest';
import type { ChunkItem } from '../../../shared/chunks';
import type { ExportTarget, MessageExportFormat } from '../../../shared/api/schemas/export';
import { Exporter, StringSink } from '../../../electron/core/export';
import { loggedChunks, openLibrary, send, useFakeProvider, type Library, type Sent } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

const fake = useFakeProvider(0);

const MESSAGE_FORMATS: MessageExportFormat[] = ['text', 'md', 'jsonl', 'raw'];

/** The app's exporter minus its audit record: an export is itself an audit event, which would change the next. */
async function exportString(lib: Library, target: ExportTarget): Promise<string> {
  const { core } = lib;
  const exporter = new Exporter({
    db: libraryDb(core),
    conversations: core.conversations,
    messages: core.messages,
    engine: core.engine,
    now: () => 1_700_000_000_000,
  });
  const sink = new StringSink();
  await exporter.write(target, sink);
  return sink.text();
}

/** Every export of a reply and its conversation, and its inspector figures, as one comparable record. */
async function everything(lib: Library, sent: Sent): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const format of MESSAGE_FORMATS) {
    out[format] = await exportString(lib, { kind: 'message', messageId: sent.messageId, format });
  }
  for (const format of ['md', 'json'] as const) {
    out[`conversation.${format}`] = await exportString(lib, {
      kind: 'conversation',
      conversationId: sent.conversationId,
      format,
    });
  }
  const client = lib.core.connect(() => {});
  out.inspector = await client.call('streams.inspect', { messageId: sent.messageId });
  out.messages = await client.call('messages.list', { conversationId: sent.conversationId });
  client.dispose();
  return out;
}

const blockCount = (lib: Library) =>
  libraryDb(lib.core).prepare('SELECT COUNT(*) FROM chunk_blocks').pluck().get() as number;

describe('exports of a compacted reply', () => {
  for (const model of [
    'script:long',
    'script:reasoning',
    'script:tool-call',
    'script:split-utf8',
    'script:big?bytes=2500000',
    'script:cut-after-5',
  ]) {
    test(`text, md, jsonl, raw, the conversation and the inspector are byte-identical after compaction (${model})`, async () => {
      const lib = await openLibrary(fake.url());
      const sent = await send(lib, model);
      const before = await everything(lib, sent);
      expect(lib.core.compactor.compactAll()).toBeGreaterThan(0);
      expect(blockCount(lib)).toBeGreaterThan(0);
      expect(await everything(lib, sent)).toEqual(before);
    });
  }

  test('a continued reply exports the same after each of its streams is compacted', async () => {
    const lib = await openLibrary(fake.url());
    const sent = await send(lib, 'script:cut-after-5');
    lib.core.compactor.compactAll();
    const client = lib.core.connect(() => {});
    const r = await client.call('chat.continue', { messageId: sent.messageId, model: 'script:hello' });
    client.dispose();
    expect(r.ok).toBe(true);
    await waitFor(
      () => lib.core.messages.findStored(sent.messageId)?.status === 'complete',
      'the continuation',
    );
    const before = await everything(lib, sent);
    lib.core.compactor.compactAll();
    expect(await everything(lib, sent)).toEqual(before);
  });
});

describe('replay of a compacted reply', () => {
  test('a late subscriber receives every chunk from any seq, as before compaction', async () => {
    const lib = await openLibrary(fake.url());
    const sent = await send(lib, 'script:long');
    const expected = loggedChunks(libraryDb(lib.core), sent.streamId);
    lib.core.compactor.compactAll();
    // Only the last chunk is still a row; the rest are in blocks.
    const rowsLeft = libraryDb(lib.core).prepare('SELECT COUNT(*) FROM chunks WHERE stream_id = ?').pluck();
    expect(rowsLeft.get(sent.streamId)).toBe(1);
    expect(loggedChunks(libraryDb(lib.core), sent.streamId)).toEqual(expected);
    for (const after of [-1, 0, 7, expected.length - 2]) {
      const got: ChunkItem[] = [];
      const stop = lib.core.engine.subscribe(sent.streamId, after, (items) => got.push(...items));
      await waitFor(() => got.at(-1)?.seq === expected.length - 1, `replay after ${after}`);
      stop();
      const want = expected.filter((c) => c.seq > after);
      expect(got.map((i) => i.seq)).toEqual(want.map((c) => c.seq));
      // Windows get raw chunks as value-less placeholders; everything else as logged.
      expect(got.filter((i) => i.chunk.type !== 'raw').map((i) => i.chunk)).toEqual(
        want.filter((c) => c.chunk.type !== 'raw').map((c) => c.chunk),
      );
    }
  });
});

/**
 * A real SpoolCore on a temp data dir, replying through the real fake provider, plus
 * an oracle that reads the chunk log with plain SQL (not the code under test).
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Chunk } from '../../../shared/chunks';
import type { Clock } from '../../../electron/core/deps';
import type { Exporter } from '../../../electron/core/export';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { STREAM_KEY_SPAN } from '../../../electron/core/db/migrations/012-chunk-rows-by-key';
import { decodeBlock } from '../../../electron/core/stream/chunkBlocks';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { waitFor } from '../../helpers/waitFor';
import { makeTempDir } from '../../helpers/tempDir';
import { captureCoreConnection, libraryDb } from '../../helpers/libraryDb';

export interface Library {
  dir: string;
  core: SpoolCore;
  exporter: Exporter;
  providerId: string;
}

export function useFakeProvider(tokensPerSecond = 0): { url: () => string } {
  let fake: FakeProvider | null = null;
  beforeAll(async () => {
    fake = await startFakeProvider({ tokensPerSecond });
  });
  afterAll(async () => fake?.close());
  return { url: () => fake!.url };
}

const open: Library[] = [];
afterEach(async () => {
  for (const lib of open.splice(0)) {
    await lib.core.close();
    fs.rmSync(lib.dir, { recursive: true, force: true });
  }
});

export async function openLibrary(
  fakeUrl: string,
  options: { clock?: Clock; undoWindowMs?: number } = {},
): Promise<Library> {
  const dir = makeTempDir('spool-export-').dir;
  const core = SpoolCore.open({
    dataDir: dir,
    mode: 'test',
    env: {},
    log: () => {},
    chat: { retry: { baseDelayMs: 10, maxDelayMs: 50 } },
    clock: options.clock,
    library: { undoWindowMs: options.undoWindowMs },
    testHooks: captureCoreConnection,
  });
  const provider = await core.providers.save({
    kind: 'openai-compatible',
    name: 'Fake',
    baseUrl: `${fakeUrl}/v1`,
    defaultModel: 'script:hello',
  });
  const lib = { dir, core, exporter: core.exporter, providerId: provider.id };
  open.push(lib);
  return lib;
}

export interface Sent {
  conversationId: string;
  userMessageId: string;
  messageId: string;
  streamId: string;
}

/** Sends a prompt through chat.send and, unless told not to, waits until the reply has ended. */
export async function send(
  lib: Library,
  model: string,
  {
    prompt = 'hi',
    conversationId,
    wait = true,
  }: { prompt?: string; conversationId?: string; wait?: boolean } = {},
): Promise<Sent> {
  const cid = conversationId ?? lib.core.conversations.create(prompt.slice(0, 40)).id;
  const client = lib.core.connect(() => {});
  const result = await client.call('chat.send', {
    conversationId: cid,
    text: prompt,
    providerId: lib.providerId,
    model,
  });
  client.dispose();
  if (!result.ok) throw new Error(`chat.send: ${result.error.message}`);
  const { userMessage, reply } = result.data as {
    userMessage: { id: string };
    reply: { message: { id: string }; streamId: string };
  };
  const sent = {
    conversationId: cid,
    userMessageId: userMessage.id,
    messageId: reply.message.id,
    streamId: reply.streamId,
  };
  if (wait)
    await waitFor(() => streamStatus(libraryDb(lib.core), sent.streamId) !== 'streaming', 'the reply to end');
  return sent;
}

export function streamStatus(db: Database, streamId: string): string {
  return (db.prepare('SELECT status FROM streams WHERE id = ?').pluck().get(streamId) as string) ?? 'none';
}

/**
 * The oracle: the stream's chunks straight from the table and, once a process compacted
 * it (the CLI does after a second of quiet), from its blocks decoded by the codec alone;
 * continuation rows rejoined by hand.
 */
export function loggedChunks(db: Database, streamId: string): { seq: number; tMs: number; chunk: Chunk }[] {
  const rows = [
    ...blockRowsOf(db, streamId),
    ...(db
      .prepare('SELECT seq, part, t_ms AS tMs, payload FROM chunks WHERE stream_id = ? ORDER BY seq, part')
      .all(streamId) as { seq: number; part: number; tMs: number; payload: string }[]),
  ];
  const bySeq = new Map<number, { tMs: number; text: string }>();
  for (const r of rows) {
    const entry = bySeq.get(r.seq);
    if (entry) entry.text += r.payload;
    else bySeq.set(r.seq, { tMs: r.tMs, text: r.payload });
  }
  return [...bySeq].map(([seq, { tMs, text }]) => ({ seq, tMs, chunk: JSON.parse(text) as Chunk }));
}

export function loggedText(db: Database, streamId: string): string {
  return loggedChunks(db, streamId)
    .map(({ chunk }) => (chunk.type === 'text-delta' ? chunk.delta : ''))
    .join('');
}

function blockRowsOf(
  db: Database,
  streamId: string,
): { seq: number; part: number; tMs: number; payload: string }[] {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'chunk_blocks'").get()) return [];
  const blocks = db
    .prepare<[string], [number, Buffer]>(
      `SELECT b.codec, b.data FROM chunk_blocks b JOIN streams s ON s.id = ?
          AND b.key >= s.no * ${STREAM_KEY_SPAN} AND b.key < (s.no + 1) * ${STREAM_KEY_SPAN} ORDER BY b.key`,
    )
    .raw(true)
    .all(streamId);
  return blocks.flatMap(([codec, data]) =>
    decodeBlock(codec, data).map((r) => ({
      seq: r.seq,
      part: r.part,
      tMs: r.tMs,
      payload: r.part === 0 && r.payload.startsWith('"') ? `{"type":"${r.type}",${r.payload}` : r.payload,
    })),
  );
}

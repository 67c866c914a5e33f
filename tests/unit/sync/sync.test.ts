/**
 * Sync between separate libraries through a real PostgreSQL (a throwaway cluster),
 * each library a real SpoolCore replying through the real fake provider.
 */
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { libraryDb } from '../../helpers/libraryDb';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { SyncWrongPassphraseError } from '../../../electron/core/sync/SyncEngine';
import { SyncSchemaTooNewError } from '../../../electron/core/sync/serverSchema';
import { usePgCluster } from '../../helpers/pgCluster';
import { openLibrary, send, useFakeProvider, type Library } from '../export/helpers';
import { device, exported, readableDump, synced } from './helpers';

const postgres = usePgCluster('sync tests');
const skip = postgres.skip;
const fake = useFakeProvider(0);

describe.skipIf(skip)('sync through PostgreSQL', () => {
  test('a reply written on one device reads byte-identical on another, as text and as raw events', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello', { prompt: 'Say hello' });
    const onA = await device(a, url);
    const onB = await device(b, url);
    await onA.syncOnce();
    const counts = await onB.syncOnce();
    expect(counts.pulledChunks).toBeGreaterThan(0);
    for (const format of ['text', 'jsonl', 'raw', 'md'] as const) {
      const target: ExportTarget = { kind: 'message', messageId: sent.messageId, format };
      expect(await exported(b, target)).toBe(await exported(a, target));
    }
    const conversation: ExportTarget = {
      kind: 'conversation',
      conversationId: sent.conversationId,
      format: 'json',
    };
    expect(synced(await exported(b, conversation))).toEqual(synced(await exported(a, conversation)));
  }, 60_000);

  test('the server holds no readable text: titles, prompts and replies are ciphertext', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello', { prompt: 'Zebra-striped pelican secrets' });
    a.core.conversations.rename(sent.conversationId, 'Quokka-themed planning notes');
    const onA = await device(a, url);
    await onA.syncOnce();
    const dump = readableDump(postgres.get(), url);
    expect(dump).toContain(sent.messageId); // ids are clear, by design
    for (const secret of ['Zebra-striped', 'pelican', 'Quokka', 'Hello', 'script:hello']) {
      expect(dump).not.toContain(secret);
    }
  }, 60_000);

  test('a wrong passphrase is refused and changes nothing on either side', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    await send(a, 'script:hello');
    await send(b, 'script:hello');
    await (await device(a, url, 'right one')).syncOnce();
    const before = await dumpOf(url);
    await expect(device(b, url, 'wrong one')).rejects.toBeInstanceOf(SyncWrongPassphraseError);
    expect(await dumpOf(url)).toBe(before);
    expect(libraryDb(b.core).prepare('SELECT COUNT(*) FROM sync_device').pluck().get()).toBe(0);
    expect(libraryDb(b.core).prepare('SELECT COUNT(*) FROM sync_outbox').pluck().get()).toBe(0);
  }, 60_000);

  test('a server schema newer than this Spool is refused before anything is touched', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    await (await device(a, url)).syncOnce();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE spool_meta SET value = '99' WHERE key = 'schema'");
    await client.end();
    const before = await dumpOf(url);
    const b = await openLibrary(fake.url());
    await expect(device(b, url)).rejects.toBeInstanceOf(SyncSchemaTooNewError);
    expect(await dumpOf(url)).toBe(before);
    expect(libraryDb(b.core).prepare('SELECT COUNT(*) FROM sync_device').pluck().get()).toBe(0);
  }, 60_000);

  test('renames on two devices converge to the later one on both', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello');
    const onA = await device(a, url);
    const onB = await device(b, url);
    await onA.syncOnce();
    await onB.syncOnce();
    a.core.conversations.rename(sent.conversationId, 'Named on A');
    await new Promise((r) => setTimeout(r, 5));
    b.core.conversations.rename(sent.conversationId, 'Named on B, later');
    await onA.syncOnce();
    await onB.syncOnce();
    await onA.syncOnce();
    const title = (lib: Library) =>
      libraryDb(lib.core)
        .prepare('SELECT title FROM conversations WHERE id = ?')
        .pluck()
        .get(sent.conversationId);
    expect(title(a)).toBe('Named on B, later');
    expect(title(b)).toBe('Named on B, later');
  }, 60_000);

  test('a regenerate on the second device becomes a second version on the first', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello');
    const onA = await device(a, url);
    const onB = await device(b, url);
    await onA.syncOnce();
    await onB.syncOnce();
    const client = b.core.connect(() => {});
    const result = await client.call('chat.regenerate', { messageId: sent.messageId });
    client.dispose();
    expect(result.ok).toBe(true);
    const replies = (lib: Library) =>
      libraryDb(lib.core)
        .prepare("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND role = 'assistant'")
        .pluck()
        .get(sent.conversationId);
    const streamsDone = () =>
      libraryDb(b.core).prepare("SELECT COUNT(*) FROM streams WHERE status = 'streaming'").pluck().get() ===
      0;
    while (!streamsDone()) await new Promise((r) => setTimeout(r, 10));
    await onB.syncOnce();
    await onA.syncOnce();
    expect(replies(a)).toBe(2);
    const conversation: ExportTarget = {
      kind: 'conversation',
      conversationId: sent.conversationId,
      format: 'json',
    };
    expect(synced(await exported(a, conversation))).toEqual(synced(await exported(b, conversation)));
  }, 60_000);

  test('a push repeated after it reached the server duplicates nothing', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello');
    const onA = await device(a, url);
    await onA.syncOnce();
    // As if the process died after the server committed but before the library noted it.
    libraryDb(a.core).prepare('DELETE FROM sync_chunks_pushed').run();
    libraryDb(a.core)
      .prepare('INSERT INTO sync_outbox (kind, id, hlc) SELECT kind, id, hlc FROM sync_known')
      .run();
    await onA.syncOnce();
    const onB = await device(b, url);
    await onB.syncOnce();
    const count = (lib: Library) =>
      libraryDb(lib.core)
        .prepare('SELECT COUNT(*) FROM chunks WHERE stream_id = ?')
        .pluck()
        .get(sent.streamId);
    expect(count(b)).toBe(count(a));
    const text: ExportTarget = { kind: 'message', messageId: sent.messageId, format: 'raw' };
    expect(await exported(b, text)).toBe(await exported(a, text));
  }, 60_000);
});

async function dumpOf(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = ['spool_meta', 'spool_records', 'spool_chunks', 'spool_rev'];
  const parts: string[] = [];
  for (const t of tables) {
    const r = await client.query(`SELECT * FROM ${t} ORDER BY 1, 2`).catch(() => ({ rows: [] }));
    parts.push(
      JSON.stringify(r.rows, (_k, v: unknown) =>
        v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
          ? Buffer.from((v as { data: number[] }).data).toString('latin1')
          : v,
      ),
    );
  }
  await client.end();
  return parts.join('\n');
}

/**
 * Attachments and presets travel with sync: the bytes of a file sent on one device are
 * on the other, byte for byte, and the server never holds them readable.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { libraryDb } from '../../helpers/libraryDb';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { PNG_1X1 } from '../../helpers/attachmentFiles';
import { SYNC_CHANNEL } from '../../../electron/core/sync/SyncServer';
import { usePgCluster } from '../../helpers/pgCluster';
import { waitFor } from '../../helpers/waitFor';
import { openLibrary, streamStatus, useFakeProvider, type Library } from '../export/helpers';
import { device, exported, readableDump, synced, TERSE_PRESET } from './helpers';

const postgres = usePgCluster('sync tests');
const skip = postgres.skip;
const fake = useFakeProvider(0);

const NOTES = Buffer.from('# Aardvark ledger\nWombat-flavoured invoices, due Friday.\n');

/** Sends a message with a picture and a text file on `lib`; resolves once the reply ended. */
async function sendWithAttachments(lib: Library): Promise<{ conversationId: string; ids: string[] }> {
  const conversationId = lib.core.conversations.create('Attached').id;
  const ids: string[] = [];
  for (const [name, data] of [
    ['dot.png', PNG_1X1],
    ['notes.md', NOTES],
  ] as const)
    ids.push((await lib.core.attachments.add(conversationId, name, data)).id);
  const client = lib.core.connect(() => {});
  const result = await client.call('chat.send', {
    conversationId,
    text: 'Look at these',
    providerId: lib.providerId,
    model: 'script:hello',
    attachmentIds: ids,
  });
  client.dispose();
  if (!result.ok) throw new Error(`chat.send: ${result.error.message}`);
  const { reply } = result.data as { reply: { streamId: string } };
  await waitFor(() => streamStatus(libraryDb(lib.core), reply.streamId) !== 'streaming', 'the reply to end');
  return { conversationId, ids };
}

describe.skipIf(skip)('attachments and presets in sync', () => {
  test('an attachment sent on one device is on the other byte-identical, and exports the same there', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const { conversationId, ids } = await sendWithAttachments(a);
    await (await device(a, url)).syncOnce();
    await (await device(b, url)).syncOnce();
    for (const id of ids) {
      expect(b.core.attachments.store.find(id)?.data.equals(a.core.attachments.store.find(id)!.data)).toBe(
        true,
      );
    }
    const md: ExportTarget = { kind: 'conversation', conversationId, format: 'md' };
    expect(await exported(b, md)).toBe(await exported(a, md));
    expect(await exported(b, md)).toContain('Wombat-flavoured');
    const json: ExportTarget = { kind: 'conversation', conversationId, format: 'json' };
    expect(synced(await exported(b, json))).toEqual(synced(await exported(a, json)));
  }, 60_000);

  test('attachments larger together than one push go in several pushes and pulls, and all arrive', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const conversationId = a.core.conversations.create('Big files').id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      // 6 MiB of text: its bytes as base64 and its text make about 14 MiB of row, 42 MiB together.
      const data = Buffer.from(randomBytes(3 * 1024 * 1024).toString('hex'));
      ids.push((await a.core.attachments.add(conversationId, `big-${i}.txt`, data)).id);
    }
    const onA = await device(a, url);
    // Every push ends with one NOTIFY: counting them counts pushes.
    const listener = new pg.Client({ connectionString: url });
    await listener.connect();
    let pushes = 0;
    listener.on('notification', () => pushes++);
    await listener.query(`LISTEN ${SYNC_CHANNEL}`);
    await onA.syncOnce();
    await waitFor(() => pushes >= 2, 'a second push', 10_000).finally(() => listener.end());
    const onB = await device(b, url);
    expect((await onB.pullOnce()).more).toBe(true); // pulled in parts too
    await onB.syncOnce();
    for (const id of ids)
      expect(b.core.attachments.store.find(id)?.data.equals(a.core.attachments.store.find(id)!.data)).toBe(
        true,
      );
  }, 120_000);

  test('the server holds neither an attachment’s text nor its hash', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const { ids } = await sendWithAttachments(a);
    await (await device(a, url)).syncOnce();
    const dump = readableDump(postgres.get(), url);
    for (const secret of ['Aardvark', 'Wombat-flavoured', 'notes.md', ...ids])
      expect(dump).not.toContain(secret);
  }, 60_000);

  test('a preset made on one device appears on the other, and its edit follows', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const onA = await device(a, url);
    const onB = await device(b, url);
    const fields = TERSE_PRESET;
    const preset = a.core.presets.save(undefined, fields);
    await onA.syncOnce();
    await onB.syncOnce();
    expect(b.core.presets.get(preset.id)).toEqual(preset);
    const edited = a.core.presets.save(preset.id, { ...fields, systemPrompt: 'Answer in three words.' });
    await onA.syncOnce();
    await onB.syncOnce();
    expect(b.core.presets.get(preset.id)).toEqual(edited);
  }, 60_000);

  test('two devices each making a preset of the same name both keep both, named alike', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const onA = await device(a, url);
    const onB = await device(b, url);
    const fields = { name: 'Coder', systemPrompt: null, providerId: null, model: null, params: {} };
    a.core.presets.save(undefined, fields);
    b.core.presets.save(undefined, { ...fields, systemPrompt: 'Code only.' });
    await onA.syncOnce();
    await onB.syncOnce();
    await onA.syncOnce();
    const names = (lib: Library) => lib.core.presets.list().map((p) => [p.id, p.name]);
    expect(names(a)).toHaveLength(2);
    expect(names(b)).toEqual(expect.arrayContaining(names(a)));
    expect(names(a).filter(([, name]) => name === 'Coder')).toHaveLength(1);
  }, 60_000);
});

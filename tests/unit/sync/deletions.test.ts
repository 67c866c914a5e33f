/**
 * Deletions through sync are tombstones that honour the undo window: the device that
 * deleted decides (Undo, or the purge once the window has passed), the others follow,
 * and a purge is final everywhere. Time moves through each library's injected clock.
 */
import { describe, expect, test } from 'vitest';
import { libraryDb } from '../../helpers/libraryDb';
import type { Clock } from '../../../electron/core/deps';
import { usePgCluster } from '../../helpers/pgCluster';
import { openLibrary, send, useFakeProvider, type Library, type Sent } from '../export/helpers';
import type { SyncEngine } from '../../../electron/core/sync/SyncEngine';
import { device } from './helpers';

const postgres = usePgCluster('sync tests');
const skip = postgres.skip;
const fake = useFakeProvider(0);

/** Long enough that the libraries' own purge timers never fire during a test. */
const WINDOW = 60_000;

interface TimedLibrary extends Library {
  later(ms: number): void;
}

async function timedLibrary(): Promise<TimedLibrary> {
  let offset = 0;
  const clock: Clock = { now: () => Date.now() + offset };
  const lib = await openLibrary(fake.url(), { clock, undoWindowMs: WINDOW });
  return Object.assign(lib, { later: (ms: number) => void (offset += ms) });
}

interface TwoDevices {
  url: string;
  a: TimedLibrary;
  b: TimedLibrary;
  onA: SyncEngine;
  onB: SyncEngine;
}

/**
 * Two timed libraries syncing through one new server database, with what `prepare`
 * made on A already on both: A, then B, synced once.
 */
async function twoDevicesWith<T>(prepare: (lib: TimedLibrary) => Promise<T>): Promise<TwoDevices & T> {
  const url = await postgres.get().createDatabase();
  const a = await timedLibrary();
  const b = await timedLibrary();
  const made = await prepare(a);
  const [onA, onB] = [await device(a, url), await device(b, url)];
  await onA.syncOnce();
  await onB.syncOnce();
  return { url, a, b, onA, onB, ...made };
}

/** The usual start: A's conversation with a reply, on both devices. */
const twoDevicesWithAReply = (): Promise<TwoDevices & { sent: Sent }> =>
  twoDevicesWith(async (lib) => ({ sent: await send(lib, 'script:hello') }));

const rowOf = (lib: Library, table: string, id: string) =>
  libraryDb(lib.core).prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as
    { deleted_at?: number | null } | undefined;
const count = (lib: Library, sql: string, ...args: unknown[]) =>
  libraryDb(lib.core)
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe.skipIf(skip)('deletions through sync', () => {
  test('a conversation deleted and undone on one device is not lost on another that passed the window offline', async () => {
    const { a, b, onA, onB, sent } = await twoDevicesWithAReply();
    await a.core.library.delete(sent.conversationId);
    await onA.syncOnce();
    await onB.syncOnce();
    expect(rowOf(b, 'conversations', sent.conversationId)?.deleted_at).not.toBeNull(); // hidden on B too
    a.later(1000);
    a.core.library.restore(sent.conversationId);
    b.later(WINDOW * 2); // B, offline, passes the window before hearing of the Undo
    expect(await b.core.library.purgeExpired()).toBe(0);
    await onB.syncOnce();
    await onA.syncOnce();
    await onB.syncOnce();
    expect(rowOf(b, 'conversations', sent.conversationId)?.deleted_at).toBeNull();
    expect(count(b, 'SELECT COUNT(*) FROM chunks WHERE stream_id = ?', sent.streamId)).toBeGreaterThan(0);
    expect(rowOf(a, 'conversations', sent.conversationId)?.deleted_at).toBeNull();
  }, 60_000);

  test('a conversation purged after the window on one device is purged on the others, replies and chunks too', async () => {
    const { a, b, onA, onB, sent } = await twoDevicesWithAReply();
    await a.core.library.delete(sent.conversationId);
    a.later(WINDOW + 1);
    expect(await a.core.library.purgeExpired()).toBe(1);
    await onA.syncOnce();
    await onB.syncOnce();
    expect(rowOf(b, 'conversations', sent.conversationId)).toBeUndefined();
    expect(rowOf(b, 'messages', sent.messageId)).toBeUndefined();
    expect(count(b, 'SELECT COUNT(*) FROM chunks WHERE stream_id = ?', sent.streamId)).toBe(0);
  }, 60_000);

  test('a purged conversation never comes back from a device that changed it while offline', async () => {
    const { url, a, b, onA, onB, sent } = await twoDevicesWithAReply();
    await a.core.library.delete(sent.conversationId);
    a.later(WINDOW + 1);
    await a.core.library.purgeExpired();
    await onA.syncOnce();
    // B, offline all along, renames it and gets a new reply in it: later clocks than the purge.
    b.core.conversations.rename(sent.conversationId, 'Kept offline');
    const offline = await send(b, 'script:hello', { conversationId: sent.conversationId });
    await onB.syncOnce();
    await onA.syncOnce();
    await onB.syncOnce();
    for (const lib of [a, b]) {
      expect(rowOf(lib, 'conversations', sent.conversationId)).toBeUndefined();
      expect(rowOf(lib, 'messages', offline.messageId)).toBeUndefined();
      expect(count(lib, 'SELECT COUNT(*) FROM sync_pending')).toBe(0); // nothing left waiting for the purged parent
    }
    const c = await timedLibrary();
    await (await device(c, url)).syncOnce();
    expect(rowOf(c, 'conversations', sent.conversationId)).toBeUndefined();
    expect(count(c, 'SELECT COUNT(*) FROM messages')).toBe(0);
  }, 60_000);

  test('a deleted version undone within the window is kept on the other device, and a purged one goes there too', async () => {
    const { a, b, onA, onB, first, second } = await twoDevicesWith(async (lib) => {
      const first = await send(lib, 'script:hello');
      return { first, second: await send(lib, 'script:hello', { conversationId: first.conversationId }) };
    });
    await a.core.versions.delete(first.messageId, 'version');
    await onA.syncOnce();
    await onB.syncOnce();
    a.core.versions.restore(first.messageId);
    b.later(WINDOW * 2);
    expect(b.core.versions.purgeExpired()).toBe(0);
    await onA.syncOnce();
    await onB.syncOnce();
    expect(rowOf(b, 'messages', first.messageId)?.deleted_at).toBeNull();
    await a.core.versions.delete(second.messageId, 'version');
    a.later(WINDOW + 1);
    expect(a.core.versions.purgeExpired()).toBeGreaterThan(0);
    await onA.syncOnce();
    await onB.syncOnce();
    expect(rowOf(b, 'messages', second.messageId)).toBeUndefined();
    expect(rowOf(b, 'messages', first.messageId)?.deleted_at).toBeNull();
  }, 60_000);

  test('a folder deleted on one device is gone on the other, its conversations kept outside it', async () => {
    const { a, b, onA, onB, sent, folder } = await twoDevicesWith(async (lib) => {
      const sent = await send(lib, 'script:hello');
      const folder = lib.core.folders.create('Work');
      lib.core.conversations.move(sent.conversationId, folder.id);
      return { sent, folder };
    });
    expect(rowOf(b, 'folders', folder.id)).toBeDefined();
    a.core.folders.delete(folder.id);
    await onA.syncOnce();
    await onB.syncOnce();
    expect(rowOf(b, 'folders', folder.id)).toBeUndefined();
    expect(rowOf(b, 'conversations', sent.conversationId)).toMatchObject({ folder_id: null });
  }, 60_000);
});

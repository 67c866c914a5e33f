/**
 * One owner per table (DESIGN.md §2): SQL on the stream tables is written only in
 * electron/core/stream/, SQL on `messages` only in electron/core/store/. Everyone else
 * calls their query modules. Migrations are history and exempt.
 *
 * Read twice: in the source text, and at run time, where a statement built from a table
 * name in a variable (sync's whole-row replication) shows which module ran it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../electron/core/deps';
import { openSync } from '../../../electron/core/sync/SyncEngine';
import type { SyncServer } from '../../../electron/core/sync/SyncServer';
import { usePgCluster } from '../../helpers/pgCluster';
import { openLibrary, send, useFakeProvider, type Library } from '../export/helpers';
import { recordingConnection, type RanStatement } from './statementOrigins';

const coreRoot = fileURLToPath(new URL('../../../electron/core', import.meta.url));

const STREAM_TABLES = 'streams|chunks|chunk_rows|chunk_blocks|packed_streams|removed_streams';
const MESSAGE_TABLES = 'messages';

function sqlOn(tables: string): RegExp {
  // SQL keywords are written upper case in this code base; prose ("read from chunks") is not matched.
  return new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+(${tables})\\b|\\bPRAGMA\\s+\\w+\\((${tables})\\)`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(coreRoot, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => !f.startsWith('db/migrations/'));
}

/** Files outside `owner/` whose text holds SQL on `tables`, with the first offending line. */
function offenders(owner: string, tables: string): string[] {
  const pattern = sqlOn(tables);
  const found: string[] = [];
  for (const file of sourceFiles(coreRoot)) {
    if (file.startsWith(`${owner}/`)) continue;
    const lines = readFileSync(path.join(coreRoot, file), 'utf8').split('\n');
    const at = lines.findIndex((line) => pattern.test(line));
    if (at >= 0) found.push(`${file}:${at + 1}: ${lines[at]!.trim()}`);
  }
  return found;
}

describe('table owners in electron/core', () => {
  it('recognises SQL on a table and leaves prose alone, so the check can fail', () => {
    expect(sqlOn(STREAM_TABLES).test('SELECT id FROM streams WHERE x')).toBe(true);
    expect(sqlOn(MESSAGE_TABLES).test('UPDATE messages SET a = 1')).toBe(true);
    expect(sqlOn(MESSAGE_TABLES).test('PRAGMA table_info(messages)')).toBe(true);
    expect(sqlOn(MESSAGE_TABLES).test('the messages from a stream')).toBe(false);
  });

  it('writes SQL on streams and the chunk log only in core/stream/', () => {
    expect(offenders('stream', STREAM_TABLES)).toEqual([]);
  });

  it('writes SQL on messages only in core/store/', () => {
    expect(offenders('store', MESSAGE_TABLES)).toEqual([]);
  });
});

/** Statements on `tables` run by code outside `owner/`, with the module that ran them. */
function ranElsewhere(ran: RanStatement[], owner: string, tables: string): string[] {
  const pattern = sqlOn(tables);
  return ran
    .filter((s) => pattern.test(s.sql) && !s.from?.startsWith(`${owner}/`))
    .map((s) => `${s.from ?? 'outside electron/core'}: ${s.sql.slice(0, 120)}`);
}

const postgres = usePgCluster('the run-time table owner check');
const fake = useFakeProvider(0);
const opened: { server: SyncServer; close(): void }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.server.close();
    o.close();
  }
});

/** A device syncing the library on a connection that records every statement it runs. */
async function recordedDevice(lib: Library, url: string, ran: RanStatement[]) {
  const db = recordingConnection(lib.core.info.dbPath, ran);
  const { engine, server } = await openSync({ db, url, passphrase: 'owners', newDeviceId: randomUUID });
  opened.push({ server, close: () => db.close() });
  return engine;
}

describe.skipIf(postgres.skip)('table owners at run time', () => {
  it('sync reaches messages only through core/store/ and the stream tables only through core/stream/', async () => {
    const url = await postgres.get().createDatabase();
    let offset = 0;
    const clock: Clock = { now: () => Date.now() + offset };
    const a = await openLibrary(fake.url(), { clock, undoWindowMs: 60_000 });
    const b = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello');
    const ran: RanStatement[] = [];
    const [onA, onB] = [await recordedDevice(a, url, ran), await recordedDevice(b, url, ran)];
    await onA.syncOnce();
    await onB.syncOnce(); // B applies the conversation, its messages, the stream and its chunks
    // A purges the conversation while B, offline, gets a reply in it: B applies A's
    // tombstones, and A drops B's reply because its parent was purged (a failed foreign key).
    await a.core.library.delete(sent.conversationId);
    offset += 60_001;
    expect(await a.core.library.purgeExpired()).toBe(1);
    await onA.syncOnce();
    await send(b, 'script:hello', { conversationId: sent.conversationId });
    await onB.syncOnce();
    await onA.syncOnce();

    const ranSql = ran.map((s) => s.sql).join('\n');
    // What the check saw: sync reading, writing and purging rows of both owners' tables.
    for (const statement of [
      'FROM messages WHERE id',
      'INSERT INTO messages',
      'DELETE FROM messages',
      'FROM streams WHERE id',
      'INSERT INTO streams',
      'DELETE FROM streams',
      'INSERT INTO chunks',
    ])
      expect(ranSql).toContain(statement);
    expect({
      messages: ranElsewhere(ran, 'store', MESSAGE_TABLES),
      streams: ranElsewhere(ran, 'stream', STREAM_TABLES),
    }).toEqual({ messages: [], streams: [] });
  }, 60_000);
});

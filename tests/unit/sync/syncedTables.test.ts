/**
 * How sync reaches rows (DESIGN.md §2 and §10): messages and streams through their
 * owners, whose column and foreign-key lists are written out and must stay the
 * tables' own; the generic path by table name for the other kinds only.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { MESSAGE_COLUMNS, MESSAGE_PARENTS } from '../../../electron/core/store/syncedMessages';
import { STREAM_PARENTS, STREAM_SYNCED_COLUMNS } from '../../../electron/core/stream/streamQueries';
import { genericTable, syncedTables, type GenericKind } from '../../../electron/core/sync/syncedRows';
import { makeTempDir } from '../../helpers/tempDir';

let db: Database;
let cleanup: () => void;
beforeEach(() => {
  const temp = makeTempDir('spool-synced-tables-');
  cleanup = temp.cleanup;
  db = openDatabase({ file: path.join(temp.dir, 'spool.db') }).db;
});
afterEach(() => {
  db.close();
  cleanup();
});

const columnsOf = (table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const foreignKeysOf = (table: string) =>
  (db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { table: string; from: string }[])
    .map((k) => ({ table: k.table, column: k.from }))
    .sort((x, y) => x.column.localeCompare(y.column));
const sorted = <T extends { column: string }>(keys: readonly T[]) =>
  [...keys].sort((x, y) => x.column.localeCompare(y.column));

function seedMessage(): void {
  db.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'T', 1, 1)").run();
  db.prepare(
    `INSERT INTO messages (id, conversation_id, role, status, created_at, updated_at)
     VALUES ('m1', 'c1', 'assistant', 'complete', 1, 1)`,
  ).run();
}

const pulledStream = (status: string) => ({
  id: 's1',
  message_id: 'm1',
  status,
  started_at: 5,
  last_seq: 3,
  // Written on the other device, meaningless here: never taken from a pulled row.
  no: 999,
  owner: 'instance-elsewhere',
  heartbeat_at: 123,
});

describe('the rows sync carries', () => {
  it('carries every column of a message, in table order', () => {
    expect([...MESSAGE_COLUMNS]).toEqual(columnsOf('messages'));
  });

  it('carries every column of a stream but its number, owner and heartbeat, in table order', () => {
    expect([...STREAM_SYNCED_COLUMNS]).toEqual(
      columnsOf('streams').filter((c) => !['no', 'owner', 'heartbeat_at'].includes(c)),
    );
  });

  it('knows the foreign keys of messages and streams as the schema declares them', () => {
    expect(sorted(MESSAGE_PARENTS)).toEqual(foreignKeysOf('messages'));
    expect(sorted(STREAM_PARENTS)).toEqual(foreignKeysOf('streams'));
  });

  it('gives a pulled stream still streaming to the device that writes it, and an ended one to nobody', () => {
    seedMessage();
    const streams = syncedTables(db).stream;
    streams.writeSynced(pulledStream('streaming'), 'device-b');
    const row = () =>
      db.prepare("SELECT no, owner, heartbeat_at FROM streams WHERE id = 's1'").get() as {
        no: number;
        owner: string | null;
        heartbeat_at: number | null;
      };
    expect(row()).toMatchObject({ owner: 'sync:device-b', heartbeat_at: null });
    expect(row().no).not.toBe(999);
    streams.writeSynced(pulledStream('complete'), 'device-b');
    expect(row().owner).toBeNull();
  });

  it('reads a stream without the columns that mean something only here', () => {
    seedMessage();
    const streams = syncedTables(db).stream;
    streams.writeSynced(pulledStream('streaming'), 'device-b');
    expect(Object.keys(streams.syncedRow('s1')!)).toEqual([...STREAM_SYNCED_COLUMNS]);
  });

  it('leaves out a pulled message column this library does not have', () => {
    seedMessage();
    const messages = syncedTables(db).message;
    messages.writeSynced({ ...messages.syncedRow('m1')!, status: 'error', added_by_a_newer_spool: 1 }, 'b');
    expect(messages.syncedRow('m1')).toMatchObject({ status: 'error' });
    expect(messages.syncedRow('m1')).not.toHaveProperty('added_by_a_newer_spool');
  });

  it('lets the generic path by table name take no kind whose table has an owner (the type checker proves it)', () => {
    expectTypeOf(genericTable).parameter(1).toEqualTypeOf<GenericKind>();
    expectTypeOf<GenericKind>().toEqualTypeOf<'folder' | 'conversation' | 'attachment' | 'preset'>();
  });
});

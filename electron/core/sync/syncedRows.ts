/**
 * Which library tables sync carries as records and how it reaches their rows: messages
 * and streams through their owners (`store/syncedMessages.ts`, `stream/streamQueries.ts`;
 * DESIGN.md §2), the other tables through the generic path below. How a row becomes JSON
 * and back (attachment bytes included), and the few table-specific rules applying a row needs.
 */
import type { Database } from 'better-sqlite3';
import { pickColumns, upsertById } from '../db/upsertSql';
import { MESSAGE_PARENTS, syncedMessages } from '../store/syncedMessages';
import { STREAM_PARENTS, streamQueries } from '../stream/streamQueries';

export type SyncKind = 'folder' | 'conversation' | 'attachment' | 'preset' | 'message' | 'stream';

/** The kinds whose rows sync reads and writes itself, by table name: none has an owner elsewhere. */
export type GenericKind = Exclude<SyncKind, 'message' | 'stream'>;

const GENERIC_TABLES: Record<GenericKind, string> = {
  folder: 'folders',
  conversation: 'conversations',
  attachment: 'attachments',
  preset: 'presets',
};

/** Which kind a foreign key's table holds (the purged-parent rule); undefined for one sync does not carry. */
const KIND_OF_TABLE: Record<string, SyncKind | undefined> = {
  folders: 'folder',
  conversations: 'conversation',
  attachments: 'attachment',
  presets: 'preset',
  messages: 'message',
  streams: 'stream',
};

/** What turning sync on queues, parents before children so a first pull rarely waits for one. */
export const FIRST_PUSH_ORDER: readonly SyncKind[] = [
  'folder',
  'conversation',
  'attachment',
  'preset',
  'message',
  'stream',
];

/** A column of a row that names a row of another table. */
export interface ForeignKey {
  table: string;
  column: string;
}

/** How sync reaches the rows of one kind. */
export interface SyncedTable {
  /** Every id, in the order a first push queues them. */
  allIds(): string[];
  /** The row as it travels (columns that mean something only here left out), if it is here. */
  syncedRow(id: string): Record<string, unknown> | undefined;
  /** A pulled row inserted or updated; throws SQLite's foreign-key error when a parent is missing. */
  writeSynced(row: Record<string, unknown>, fromDevice: string): void;
  /** A purge (tombstone): the row goes, with what cascades from it. */
  purgeSynced(id: string): void;
  /** What a row points at. */
  parents(): readonly ForeignKey[];
}

export function syncedTables(db: Database): Record<SyncKind, SyncedTable> {
  return {
    folder: genericTable(db, 'folder'),
    conversation: genericTable(db, 'conversation'),
    attachment: genericTable(db, 'attachment'),
    preset: genericTable(db, 'preset'),
    message: { ...syncedMessages(db), parents: () => MESSAGE_PARENTS },
    stream: { ...streamQueries(db), parents: () => STREAM_PARENTS },
  };
}

/** A table whose every column travels, reached by name; columns the row has that it lacks are left out. */
export function genericTable(db: Database, kind: GenericKind): SyncedTable {
  const table = GENERIC_TABLES[kind];
  return {
    allIds: () => db.prepare<[], string>(`SELECT id FROM ${table} ORDER BY created_at, id`).pluck().all(),
    syncedRow: (id) =>
      db.prepare<[string], Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = ?`).get(id),
    writeSynced: (row) => {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      const values = pickColumns(row, columns);
      if (kind === 'preset' && typeof values.name === 'string')
        values.name = presetNameFor(db, { id: String(values.id), name: values.name });
      const c = upsertById(Object.keys(values));
      db.prepare(
        `INSERT INTO ${table} (${c.names}) VALUES (${c.values}) ON CONFLICT (id) DO UPDATE SET ${c.updates}`,
      ).run(values);
    },
    purgeSynced: (id) => void db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id),
    parents: () =>
      (db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { table: string; from: string }[]).map(
        (k) => ({ table: k.table, column: k.from }),
      ),
  };
}

/** BLOB columns (an attachment's bytes) as base64, since the row travels as JSON. */
export function encodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row))
    out[k] = Buffer.isBuffer(v) ? { $bytes: v.toString('base64') } : v;
  return out;
}

export function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const bytes = v && typeof v === 'object' ? (v as { $bytes?: unknown }).$bytes : undefined;
    out[k] = typeof bytes === 'string' ? Buffer.from(bytes, 'base64') : v;
  }
  return out;
}

/**
 * Preset names are unique here (migration 018) but two devices may each make "Coder".
 * Both keep their preset; the one with the greater id is renamed "Coder (id…)" on every
 * device alike, so libraries still converge. Returns the name to store `incoming` under.
 */
export function presetNameFor(db: Database, incoming: { id: string; name: string }): string {
  const taken = db
    .prepare<[string, string], { id: string }>(
      'SELECT id FROM presets WHERE name = ? COLLATE NOCASE AND id <> ?',
    )
    .get(incoming.name, incoming.id);
  if (!taken) return incoming.name;
  if (incoming.id > taken.id) return renamedPreset(incoming);
  db.prepare('UPDATE presets SET name = ? WHERE id = ?').run(
    renamedPreset({ id: taken.id, name: incoming.name }),
    taken.id,
  );
  return incoming.name;
}

function renamedPreset(p: { id: string; name: string }): string {
  return `${p.name} (${p.id.slice(0, 8)})`;
}

/** Whether a row that failed its foreign key points at a parent that was purged. */
export function parentPurged(
  db: Database,
  parents: readonly ForeignKey[],
  row: Record<string, unknown>,
): boolean {
  const purged = db.prepare<[string, string]>(
    'SELECT 1 FROM sync_known WHERE kind = ? AND id = ? AND deleted = 1',
  );
  return parents.some((k) => {
    const kind = KIND_OF_TABLE[k.table];
    const id = row[k.column];
    return kind !== undefined && typeof id === 'string' && purged.get(kind, id) !== undefined;
  });
}

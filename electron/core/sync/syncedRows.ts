/**
 * Which library tables sync carries as records, how a row becomes JSON and back
 * (attachment bytes included), and the few table-specific rules applying a row needs.
 */
import type { Database } from 'better-sqlite3';

export type SyncKind = 'folder' | 'conversation' | 'attachment' | 'preset' | 'message' | 'stream';

export const TABLES: Record<SyncKind, string> = {
  folder: 'folders',
  conversation: 'conversations',
  attachment: 'attachments',
  preset: 'presets',
  message: 'messages',
  stream: 'streams',
};

/** Columns that mean something only in this library. */
export const LOCAL_ONLY: Record<SyncKind, readonly string[]> = {
  folder: [],
  conversation: [],
  attachment: [],
  preset: [],
  message: [],
  stream: ['no', 'owner', 'heartbeat_at'],
};

/** What turning sync on queues, parents before children so a first pull rarely waits for one. */
export const FIRST_PUSH_ORDER: readonly [SyncKind, string | null][] = [
  ['folder', 'SELECT id FROM folders ORDER BY created_at, id'],
  ['conversation', 'SELECT id FROM conversations ORDER BY created_at, id'],
  ['attachment', 'SELECT id FROM attachments ORDER BY created_at, id'],
  ['preset', 'SELECT id FROM presets ORDER BY created_at, id'],
  ['message', null], // messageQueries.allIds (the table's owner)
  ['stream', null], // streamQueries.allIds
];

export function kindOfTable(table: string): SyncKind | null {
  const found = Object.entries(TABLES).find(([, t]) => t === table);
  return found ? (found[0] as SyncKind) : null;
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
export function parentPurged(db: Database, table: string, row: Record<string, unknown>): boolean {
  const keys = db.prepare(`PRAGMA foreign_key_list(${table})`).all() as { table: string; from: string }[];
  const purged = db.prepare<[string, string]>(
    'SELECT 1 FROM sync_known WHERE kind = ? AND id = ? AND deleted = 1',
  );
  return keys.some((k) => {
    const kind = kindOfTable(k.table);
    const id = row[k.from];
    return kind !== null && typeof id === 'string' && purged.get(kind, id) !== undefined;
  });
}

/**
 * The server's tables, versioned and migrated by Spool itself (like the local
 * library, §2): `spool_meta.schema` holds the version; a server newer than this Spool
 * is refused before anything is read or written.
 *
 * Only ids, sequence numbers, sizes, clocks and revision numbers are clear; every
 * `body` is sealed on the device (crypto.ts).
 */
import type { PoolClient } from 'pg';

export const SERVER_SCHEMA_VERSION = 1;

export class SyncSchemaTooNewError extends Error {
  constructor(readonly serverVersion: number) {
    super(
      `The sync server's schema is version ${serverVersion}, newer than this Spool understands ` +
        `(${SERVER_SCHEMA_VERSION}). Update Spool on this device to sync; nothing was changed.`,
    );
    this.name = 'SyncSchemaTooNewError';
  }
}

const MIGRATIONS: readonly string[] = [
  // 1: records (last writer wins by hybrid logical clock), append-only chunk blocks, one revision counter.
  `CREATE TABLE spool_records (
     kind    text    NOT NULL,
     id      text    NOT NULL,
     hlc     bigint  NOT NULL,
     device  text    NOT NULL,
     rev     bigint  NOT NULL,
     deleted boolean NOT NULL DEFAULT false,
     size    integer NOT NULL,
     body    bytea,
     PRIMARY KEY (kind, id)
   );
   CREATE INDEX spool_records_rev ON spool_records (rev);
   CREATE TABLE spool_chunks (
     stream_id text    NOT NULL,
     first_seq integer NOT NULL,
     last_seq  integer NOT NULL,
     device    text    NOT NULL,
     rev       bigint  NOT NULL,
     size      integer NOT NULL,
     body      bytea   NOT NULL,
     PRIMARY KEY (stream_id, first_seq)
   );
   CREATE INDEX spool_chunks_rev ON spool_chunks (rev);
   CREATE TABLE spool_rev (one integer PRIMARY KEY CHECK (one = 1), rev bigint NOT NULL);
   INSERT INTO spool_rev VALUES (1, 0);`,
];

/** Brings the server to SERVER_SCHEMA_VERSION (one transaction, serialised by an advisory lock). */
export async function migrateServer(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(7015001)');
    await client.query('CREATE TABLE IF NOT EXISTS spool_meta (key text PRIMARY KEY, value text NOT NULL)');
    const row = await client.query<{ value: string }>("SELECT value FROM spool_meta WHERE key = 'schema'");
    const current = row.rows[0] ? Number(row.rows[0].value) : 0;
    if (current > SERVER_SCHEMA_VERSION) throw new SyncSchemaTooNewError(current);
    for (let v = current + 1; v <= SERVER_SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v - 1]!);
    await client.query(
      "INSERT INTO spool_meta VALUES ('schema', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(SERVER_SCHEMA_VERSION)],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

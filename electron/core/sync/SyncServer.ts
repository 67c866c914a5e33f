/**
 * Spool's side of the PostgreSQL conversation: sealed records and chunk blocks in,
 * sealed records and chunk blocks out, ordered by one server-wide revision.
 *
 * A deletion (tombstone) is final: it wins over any edit, whatever its clock, and a
 * deleted record is never overwritten, so a device back from offline cannot bring a
 * purged row back.
 *
 * Pushes take the revision row's lock, so revisions commit in order and a puller that
 * has seen revision R has seen everything up to R: a cursor is one number. Records
 * are last-writer-wins by (hybrid logical clock, device) in the upsert itself; chunk
 * blocks only append and a re-sent block is ignored, so a push cut short and repeated
 * never duplicates anything. A push ends with NOTIFY, which followers wait on.
 */
import pg from 'pg';
import type { KdfParams } from './crypto';
import { migrateServer } from './serverSchema';

export interface SealedRecord {
  kind: string;
  id: string;
  /** Hybrid logical clock, as a decimal string (a 64-bit integer). */
  hlc: string;
  device: string;
  deleted: boolean;
  body: Buffer | null;
}

export interface SealedBlock {
  streamId: string;
  firstSeq: number;
  lastSeq: number;
  device: string;
  body: Buffer;
}

export interface Pulled {
  records: (SealedRecord & { rev: string })[];
  blocks: (SealedBlock & { rev: string })[];
  /** The cursor to pull after next time. */
  rev: string;
  /** True when more is waiting beyond `rev`. */
  more: boolean;
}

export interface KeyMaterial {
  kdf: KdfParams;
  keyCheck: Buffer;
}

export const SYNC_CHANNEL = 'spool_sync';

export class SyncServer {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  /** Connects, checks and migrates the server schema (refusing a newer one untouched). */
  static async connect(url: string): Promise<SyncServer> {
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => {}); // an idle client dropped by the server; the next query reconnects
    try {
      const client = await pool.connect();
      try {
        await migrateServer(client);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new SyncServer(pool, url);
  }

  async keyMaterial(): Promise<KeyMaterial | null> {
    const r = await this.pool.query<{ key: string; value: string }>(
      "SELECT key, value FROM spool_meta WHERE key IN ('kdf', 'key_check')",
    );
    const m = new Map(r.rows.map((row) => [row.key, row.value]));
    const kdf = m.get('kdf');
    const check = m.get('key_check');
    if (!kdf || !check) return null;
    return { kdf: JSON.parse(kdf) as KdfParams, keyCheck: Buffer.from(check, 'base64') };
  }

  /** Stores the library's key material unless another device did first; returns what is stored. */
  async initKeyMaterial(material: KeyMaterial): Promise<KeyMaterial> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7015002)');
      await client.query("INSERT INTO spool_meta VALUES ('kdf', $1) ON CONFLICT (key) DO NOTHING", [
        JSON.stringify(material.kdf),
      ]);
      await client.query("INSERT INTO spool_meta VALUES ('key_check', $1) ON CONFLICT (key) DO NOTHING", [
        material.keyCheck.toString('base64'),
      ]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
    return (await this.keyMaterial())!;
  }

  /** The highest seq the server holds per stream (-1 for none): where a push resumes. */
  async chunkCursors(streamIds: string[]): Promise<Map<string, number>> {
    const out = new Map(streamIds.map((id) => [id, -1]));
    if (streamIds.length === 0) return out;
    const r = await this.pool.query<{ stream_id: string; last: number }>(
      'SELECT stream_id, max(last_seq) AS last FROM spool_chunks WHERE stream_id = ANY($1) GROUP BY stream_id',
      [streamIds],
    );
    for (const row of r.rows) out.set(row.stream_id, row.last);
    return out;
  }

  async push(records: SealedRecord[], blocks: SealedBlock[]): Promise<void> {
    const n = records.length + blocks.length;
    if (n === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const head = await client.query<{ rev: string }>('UPDATE spool_rev SET rev = rev + $1 RETURNING rev', [
        n,
      ]);
      let rev = BigInt(head.rows[0]!.rev) - BigInt(n);
      for (const r of records) {
        rev += 1n;
        await client.query(
          `INSERT INTO spool_records (kind, id, hlc, device, rev, deleted, size, body)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (kind, id) DO UPDATE SET hlc = excluded.hlc, device = excluded.device, rev = excluded.rev,
             deleted = excluded.deleted, size = excluded.size, body = excluded.body
           WHERE NOT spool_records.deleted
             AND (excluded.deleted
               OR (excluded.hlc, excluded.device COLLATE "C") > (spool_records.hlc, spool_records.device COLLATE "C"))`,
          [r.kind, r.id, r.hlc, r.device, rev.toString(), r.deleted, r.body?.length ?? 0, r.body],
        );
        // A purged reply's sealed chunks have no reader left: the server forgets them.
        if (r.kind === 'stream' && r.deleted)
          await client.query('DELETE FROM spool_chunks WHERE stream_id = $1', [r.id]);
      }
      for (const b of blocks) {
        rev += 1n;
        await client.query(
          `INSERT INTO spool_chunks (stream_id, first_seq, last_seq, device, rev, size, body)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (stream_id, first_seq) DO NOTHING`,
          [b.streamId, b.firstSeq, b.lastSeq, b.device, rev.toString(), b.body.length, b.body],
        );
      }
      await client.query(`SELECT pg_notify('${SYNC_CHANNEL}', $1)`, [rev.toString()]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * What was pushed after `afterRev`: at most `window` revisions and, past the first,
   * about `maxBytes` of sealed bodies (attachments are up to 10 MiB each).
   */
  async pull(afterRev: string, window = 2000, maxBytes = 32 * 1024 * 1024): Promise<Pulled> {
    const head = BigInt((await this.pool.query<{ rev: string }>('SELECT rev FROM spool_rev')).rows[0]!.rev);
    const after = BigInt(afterRev);
    const byCount = head < after + BigInt(window) ? head : after + BigInt(window);
    const upTo = await this.cutBySize(after, byCount, maxBytes);
    const args = [after.toString(), upTo.toString()];
    const records = await this.pool.query<{
      kind: string;
      id: string;
      hlc: string;
      device: string;
      rev: string;
      deleted: boolean;
      body: Buffer | null;
    }>(
      'SELECT kind, id, hlc, device, rev, deleted, body FROM spool_records WHERE rev > $1 AND rev <= $2 ORDER BY rev',
      args,
    );
    const blocks = await this.pool.query<{
      stream_id: string;
      first_seq: number;
      last_seq: number;
      device: string;
      rev: string;
      body: Buffer;
    }>(
      `SELECT stream_id, first_seq, last_seq, device, rev, body FROM spool_chunks
        WHERE rev > $1 AND rev <= $2 ORDER BY rev`,
      args,
    );
    return {
      records: records.rows,
      blocks: blocks.rows.map((b) => ({
        streamId: b.stream_id,
        firstSeq: b.first_seq,
        lastSeq: b.last_seq,
        device: b.device,
        rev: b.rev,
        body: b.body,
      })),
      rev: upTo.toString(),
      more: upTo < head,
    };
  }

  /** The last revision in (after, upTo] before the bodies pass `maxBytes` (at least one revision). */
  private async cutBySize(after: bigint, upTo: bigint, maxBytes: number): Promise<bigint> {
    const sizes = await this.pool.query<{ rev: string; size: number }>(
      `SELECT rev, size FROM spool_records WHERE rev > $1 AND rev <= $2
       UNION ALL SELECT rev, size FROM spool_chunks WHERE rev > $1 AND rev <= $2 ORDER BY rev`,
      [after.toString(), upTo.toString()],
    );
    let bytes = 0;
    for (const [i, row] of sizes.rows.entries()) {
      bytes += row.size;
      if (i > 0 && bytes > maxBytes) return BigInt(sizes.rows[i - 1]!.rev);
    }
    return upTo;
  }

  /**
   * Calls `onPush` whenever any device pushes, over one dedicated connection (a
   * device holds one listener however many replies it follows). Resolves to a stop
   * function; `onLost` says the connection dropped (the caller reconnects later).
   */
  async listen(onPush: () => void, onLost: (err: Error) => void): Promise<() => Promise<void>> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000 });
    client.on('notification', () => onPush());
    client.on('error', (err) => onLost(err));
    client.on('end', () => onLost(new Error('the sync server closed the connection')));
    await client.connect();
    await client.query(`LISTEN ${SYNC_CHANNEL}`);
    return async () => {
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => {});
      await client.end().catch(() => {});
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

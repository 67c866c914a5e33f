/**
 * The library's side of sync: what changed here (the outbox the migration-017
 * triggers fill), and applying what other devices changed, last writer wins by
 * (hybrid logical clock, device). Plain rows in, plain rows out: sealing is the
 * engine's job, so this file never sees a key.
 */
import type { Database } from 'better-sqlite3';
import { REMOTE_OWNER_PREFIX } from '../stream/InstanceRegistry';
import { lastCommittedSeq, readChunks } from '../stream/chunkRows';
import { streamQueries } from '../stream/streamQueries';
import type { LoggedChunk } from '../stream/types';
import {
  decodeRow,
  encodeRow,
  FIRST_PUSH_ORDER,
  parentPurged,
  syncedTables,
  type SyncedTable,
  type SyncKind,
} from './syncedRows';

export type { SyncKind } from './syncedRows';

export interface OutgoingRecord {
  kind: SyncKind;
  id: string;
  hlc: bigint;
  /** The row as JSON-able columns, or null for a deletion (a tombstone). */
  row: Record<string, unknown> | null;
}

export interface IncomingRecord extends OutgoingRecord {
  device: string;
}

export interface IncomingBlock {
  streamId: string;
  chunks: LoggedChunk[];
}

export class LocalSync {
  /** Rows by kind: messages and streams through their owners, never by table name here. */
  private readonly tables: Record<SyncKind, SyncedTable>;

  constructor(private readonly db: Database) {
    this.tables = syncedTables(db);
  }

  deviceId(): string | null {
    const row = this.db.prepare<[], { device_id: string }>('SELECT device_id FROM sync_device').get();
    return row?.device_id ?? null;
  }

  pullRev(): string {
    return (
      this.db.prepare<[], { pull_rev: string }>('SELECT pull_rev FROM sync_device').get()?.pull_rev ?? '0'
    );
  }

  /** Turns sync on for this library: every row already here is queued for its first push. */
  enable(deviceId: string): void {
    this.db.transaction(() => {
      if (this.deviceId()) return;
      this.db.prepare('INSERT INTO sync_device (one, device_id, hlc) VALUES (1, ?, ?)').run(deviceId, 0);
      const tick = this.db.prepare(
        "UPDATE sync_device SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 65536) RETURNING hlc",
      );
      tick.safeIntegers(true); // ms · 2^16 is past 2^53: a JS number would round it
      const queue = this.db.prepare('INSERT OR REPLACE INTO sync_outbox (kind, id, hlc) VALUES (?, ?, ?)');
      // Parents before children, so a first pull elsewhere rarely has to wait for one.
      for (const kind of FIRST_PUSH_ORDER) {
        for (const id of this.tables[kind].allIds()) {
          queue.run(kind, id, (tick.get() as { hlc: bigint }).hlc);
        }
      }
    })();
  }

  /**
   * The oldest changes not yet pushed, with the rows as they are now: at most `limit`
   * of them and, past the first, about `maxBytes` of rows (attachments are up to 10 MiB
   * each, so a first push of a library full of them goes in several). `full` says more
   * may be waiting.
   */
  outbox(limit: number, maxBytes = Infinity): { records: OutgoingRecord[]; full: boolean } {
    const rows = this.db
      .prepare<[number], { kind: SyncKind; id: string; hlc: bigint }>(
        'SELECT kind, id, hlc FROM sync_outbox ORDER BY hlc LIMIT ?',
      )
      .safeIntegers(true)
      .all(limit);
    const records: OutgoingRecord[] = [];
    let bytes = 0;
    for (const r of rows) {
      const row = this.readRow(r.kind, r.id);
      bytes += row ? JSON.stringify(row).length : 0;
      if (records.length > 0 && bytes > maxBytes) return { records, full: true };
      records.push({ kind: r.kind, id: r.id, hlc: BigInt(r.hlc), row });
    }
    return { records, full: rows.length === limit };
  }

  /** After a push: forget the changes sent (unless the row changed again meanwhile). */
  markPushed(records: OutgoingRecord[], device: string): void {
    const drop = this.db.prepare('DELETE FROM sync_outbox WHERE kind = ? AND id = ? AND hlc = ?');
    this.db.transaction(() => {
      for (const r of records) {
        drop.run(r.kind, r.id, r.hlc);
        this.remember(r.kind, r.id, r.hlc, device, r.row === null);
      }
    })();
  }

  /** Streams whose chunk log may have chunks the server lacks. */
  chunkCandidates(): string[] {
    return streamQueries(this.db).withUnpushedChunks(REMOTE_OWNER_PREFIX);
  }

  readChunks(streamId: string, afterSeq: number, limit: number): LoggedChunk[] {
    return readChunks(this.db, streamId, afterSeq, limit);
  }

  markChunksPushed(streamId: string, seq: number): void {
    this.db
      .prepare(
        'INSERT INTO sync_chunks_pushed (stream_id, seq) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET seq = max(seq, excluded.seq)',
      )
      .run(streamId, seq);
  }

  /**
   * Applies pulled records and chunk blocks in one transaction and moves the pull
   * cursor. What still lacks its parent row waits in sync_pending for a later pull.
   */
  apply(records: IncomingRecord[], blocks: IncomingBlock[], pullRev: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO sync_applying (one) VALUES (1)').run();
      for (const r of records) if (!this.applyRecord(r)) this.park('record', r);
      for (const b of blocks) if (!this.applyBlock(b)) this.park('block', b);
      this.retryPending();
      this.db.prepare('UPDATE sync_device SET pull_rev = ?').run(pullRev);
      this.db.prepare('DELETE FROM sync_applying').run();
    })();
  }

  private readRow(kind: SyncKind, id: string): Record<string, unknown> | null {
    const row = this.tables[kind].syncedRow(id);
    return row ? encodeRow(row) : null;
  }

  /**
   * False when the row's parent is not here yet. A purge (tombstone) always applies and
   * is final: it beats edits still waiting here, and nothing brings the row back.
   */
  private applyRecord(r: IncomingRecord): boolean {
    this.db
      .prepare(
        `UPDATE sync_device SET hlc = max(hlc + 1, ?, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 65536)`,
      )
      .run(r.hlc);
    const table = this.tables[r.kind];
    if (r.row === null) {
      table.purgeSynced(r.id);
      this.forgetWaiting(r.kind, r.id);
      this.remember(r.kind, r.id, r.hlc, r.device, true);
      return true;
    }
    const known = this.db
      .prepare<[string, string], { hlc: bigint; device: string; deleted: bigint }>(
        'SELECT hlc, device, deleted FROM sync_known WHERE kind = ? AND id = ?',
      )
      .safeIntegers(true)
      .get(r.kind, r.id);
    if (known && (known.deleted === 1n || !newer(r.hlc, r.device, BigInt(known.hlc), known.device)))
      return true;
    const pending = this.db
      .prepare<[string, string], { hlc: bigint }>('SELECT hlc FROM sync_outbox WHERE kind = ? AND id = ?')
      .safeIntegers(true)
      .get(r.kind, r.id);
    const self = this.deviceId()!;
    if (pending && !newer(r.hlc, r.device, BigInt(pending.hlc), self)) return true; // ours is newer: it goes out next push
    const row = decodeRow(r.row);
    try {
      table.writeSynced(row, r.device);
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw err;
      // A child of a purged row (written offline elsewhere) goes with it, and so do its own children.
      if (!parentPurged(this.db, table.parents(), row)) return false;
      this.remember(r.kind, r.id, r.hlc, r.device, true);
      return true;
    }
    this.db.prepare('DELETE FROM sync_outbox WHERE kind = ? AND id = ?').run(r.kind, r.id);
    this.remember(r.kind, r.id, r.hlc, r.device, false);
    return true;
  }

  private remember(kind: SyncKind, id: string, hlc: bigint, device: string, deleted: boolean): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sync_known (kind, id, hlc, device, deleted) VALUES (?, ?, ?, ?, ?)')
      .run(kind, id, hlc, device, deleted ? 1 : 0);
  }

  /** A purged row's own edits still queued here, and what waits for it, are dropped with it. */
  private forgetWaiting(kind: SyncKind, id: string): void {
    this.db.prepare('DELETE FROM sync_outbox WHERE kind = ? AND id = ?').run(kind, id);
    this.db
      .prepare(
        `DELETE FROM sync_pending WHERE (what = 'record' AND entry ->> '$.kind' = ? AND entry ->> '$.id' = ?)
            OR (what = 'block' AND ? = 'stream' AND entry ->> '$.streamId' = ?)`,
      )
      .run(kind, id, kind, id);
  }

  /** False when the stream is not here yet. Chunks already held are skipped (idempotent). */
  private applyBlock(b: IncomingBlock): boolean {
    const streams = streamQueries(this.db);
    if (!streams.exists(b.streamId)) {
      const purged = this.db
        .prepare("SELECT 1 FROM sync_known WHERE kind = 'stream' AND id = ? AND deleted = 1")
        .get(b.streamId);
      return purged !== undefined; // a purged stream's chunks are dropped, not kept waiting
    }
    const have = lastCommittedSeq(this.db, b.streamId);
    for (const c of b.chunks) {
      if (c.seq <= have) continue;
      streams.insertPulledChunk(b.streamId, c.seq, c.tMs, c.chunk.type, JSON.stringify(c.chunk));
    }
    return true;
  }

  private park(what: 'record' | 'block', entry: IncomingRecord | IncomingBlock): void {
    this.db
      .prepare('INSERT INTO sync_pending (what, entry) VALUES (?, ?)')
      .run(what, JSON.stringify('hlc' in entry ? { ...entry, hlc: entry.hlc.toString() } : entry));
  }

  private retryPending(): void {
    const list = this.db.prepare<[], { id: number; what: string; entry: string }>(
      'SELECT id, what, entry FROM sync_pending ORDER BY id',
    );
    const done = this.db.prepare('DELETE FROM sync_pending WHERE id = ?');
    for (let progress = true; progress;) {
      progress = false;
      for (const p of list.all()) {
        const entry = JSON.parse(p.entry) as IncomingRecord & IncomingBlock;
        const ok =
          p.what === 'record'
            ? this.applyRecord({ ...entry, hlc: BigInt(entry.hlc) })
            : this.applyBlock(entry);
        if (ok) {
          done.run(p.id);
          progress = true;
        }
      }
    }
  }
}

function newer(hlc: bigint, device: string, thanHlc: bigint, thanDevice: string): boolean {
  return hlc > thanHlc || (hlc === thanHlc && device > thanDevice);
}

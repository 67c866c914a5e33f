import type { Database } from 'better-sqlite3';
import type { MessageStatus } from '../../../shared/api/schemas/messages';
import { plucked, prepared } from '../db/statementCache';
import { pickColumns, upsertById } from '../db/upsertSql';
import { REMOTE_OWNER_PREFIX } from './InstanceRegistry';

/**
 * Every statement on `streams`, `chunks`, `chunk_blocks`, `packed_streams` and
 * `removed_streams` that code outside `core/stream/` needs (DESIGN.md §2, table owners).
 * The engine's own hot paths (ChunkWriter, chunkRows, compactStream, InstanceRegistry)
 * keep theirs beside the code that runs them, in this folder. Statements are prepared
 * once per database (`db/statementCache.ts`).
 */

/** A stream row as the inspector reads it. */
export interface InspectedStreamRow {
  id: string;
  status: MessageStatus;
  error: string | null;
  provider: string | null;
  model: string | null;
  started_at: number;
  ended_at: number | null;
  request: string | null;
}

/** A stream row as exports describe it; `provider_name` is the configured provider's name, if any. */
export interface ExportedStreamRow {
  id: string;
  status: MessageStatus;
  provider: string | null;
  provider_name: string | null;
  model: string | null;
  started_at: number;
  ended_at: number | null;
  last_seq: number;
  error: string | null;
  request: string | null;
  compacted_at: number | null;
}

/** The newest stream of a message: who wrote (or is writing) it. */
export interface LatestStream {
  id: string;
  provider: string | null;
  model: string | null;
  status: MessageStatus;
}

/** What the figures know of one stream, whether its row is still there or was removed. */
export interface StreamFact {
  status: string;
  provider: string | null;
  model: string | null;
  started_at: number;
  error: string | null;
  /** ms from the stream's start to its first content chunk; null with none. */
  first: number | null;
  /** ms from the stream's start to its last chunk. */
  last: number | null;
  /** Non-raw chunks from the first content chunk on (for chunks/s). */
  content: number;
  /** Chunks in the log (split rows counted once). */
  committed: number;
}

/**
 * The columns of `streams` that travel between devices, in table order. The others mean
 * something only in this library: `no` (the chunk log's key range), `owner` and
 * `heartbeat_at` (which process here writes it).
 */
export const STREAM_SYNCED_COLUMNS = [
  'id',
  'message_id',
  'status',
  'provider',
  'model',
  'started_at',
  'ended_at',
  'last_seq',
  'error',
  'request',
  'compacted_at',
] as const;

/** What a stream points at: its message (ON DELETE CASCADE). */
export const STREAM_PARENTS = [{ table: 'messages', column: 'message_id' }] as const;

/** As the inspector counts it: the first chunk that says something. */
const CONTENT_TYPES = "('text-delta', 'reasoning-delta', 'tool-input-start', 'tool-input-delta')";

/**
 * Pieces of SQL on the stream tables for a statement owned elsewhere that must test
 * them in the same statement (a compare-and-set, or a subquery a list must not run N
 * times). The text stays here; `messageRef` is the other statement's message id column.
 */
export const streamSql = {
  /**
   * A reply's usage lives in its streams' finish chunks (the chunk log is the record).
   * The finish is a stream's last chunk, so it is found by primary key through last_seq.
   */
  finishChunksOf: (messageRef: string) =>
    `(SELECT json_group_array(json(c.payload)) FROM streams s
        JOIN chunks c ON c.stream_id = s.id AND c.seq = s.last_seq AND c.part = 0
       WHERE s.message_id = ${messageRef} AND c.type = 'finish')`,
  /** True while the message has a stream still 'streaming'. */
  hasStreamingStream: (messageRef: string) =>
    `EXISTS (SELECT 1 FROM streams WHERE message_id = ${messageRef} AND status = 'streaming')`,
  /** Joins the message's latest stream (by start) as `alias`. */
  joinLatestStream: (alias: string, messageRef: string) =>
    `JOIN streams ${alias} ON ${alias}.id = (SELECT id FROM streams WHERE message_id = ${messageRef}
                                 ORDER BY started_at DESC, rowid DESC LIMIT 1)`,
};

export function streamQueries(db: Database) {
  return {
    /** The message's streams in start order (a reply, then each Continue), for the inspector. */
    ofMessage(messageId: string): InspectedStreamRow[] {
      return prepared<[string], InspectedStreamRow>(
        db,
        `SELECT id, status, error, provider, model, started_at, ended_at, request FROM streams
          WHERE message_id = ? ORDER BY started_at, rowid`,
      ).all(messageId);
    },

    /**
     * The message's streams in start order, as exports describe them. The provider's
     * name comes from `providers` when the library has that table (migration-era files may not).
     */
    forExport(messageId: string): ExportedStreamRow[] {
      const withProviders =
        prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'providers'").get() !==
        undefined;
      return prepared<[string], ExportedStreamRow>(
        db,
        `SELECT s.id, s.status, s.provider, s.model, s.started_at, s.ended_at, s.last_seq, s.error,
                s.request, s.compacted_at, ${withProviders ? 'p.name' : 'NULL'} AS provider_name
           FROM streams s ${withProviders ? 'LEFT JOIN providers p ON p.id = s.provider' : ''}
          WHERE s.message_id = ? ORDER BY s.started_at, s.rowid`,
      ).all(messageId);
    },

    /** How many streams of the message there are besides this one (a Continue has some). */
    othersOfMessage(messageId: string, streamId: string): number {
      return plucked<[string, string], number>(
        db,
        'SELECT COUNT(*) FROM streams WHERE message_id = ? AND id != ?',
      ).get(messageId, streamId)!;
    },

    /** The message's latest stream by start, if it has any. */
    latestOfMessage(messageId: string): LatestStream | undefined {
      return prepared<[string], LatestStream>(
        db,
        `SELECT id, provider, model, status FROM streams WHERE message_id = ?
         ORDER BY started_at DESC, rowid DESC LIMIT 1`,
      ).get(messageId);
    },

    /** Streams still 'streaming', whoever owns them (recovery looks for orphans among them). */
    streaming(): { id: string; message_id: string; owner: string | null }[] {
      return prepared<[], { id: string; message_id: string; owner: string | null }>(
        db,
        "SELECT id, message_id, owner FROM streams WHERE status = 'streaming'",
      ).all();
    },

    /**
     * An orphaned stream becomes 'interrupted', keeping every committed chunk. The owner
     * check in the WHERE makes this a compare-and-set against a racing owner. Returns rows changed.
     */
    interruptOrphan(streamId: string, owner: string | null, at: number): number {
      return prepared<[number, string, string | null]>(
        db,
        `UPDATE streams SET status = 'interrupted', ended_at = ?,
           last_seq = MAX(last_seq, COALESCE((SELECT MAX(seq) FROM chunks WHERE stream_id = streams.id), -1))
         WHERE id = ? AND status = 'streaming' AND owner IS ?`,
      ).run(at, streamId, owner).changes;
    },

    /** The message's streams' ids and statuses in start order (recovery folds them in turn). */
    statusesOfMessage(messageId: string): { id: string; status: MessageStatus }[] {
      return prepared<[string], { id: string; status: MessageStatus }>(
        db,
        'SELECT id, status FROM streams WHERE message_id = ? ORDER BY started_at, rowid',
      ).all(messageId);
    },

    /**
     * Every stream started since `from`: the ones still in `streams` (computed from their
     * chunk log, or as kept when it was compacted: migration 015) and the ones removed
     * since (their facts as kept by migration 009's trigger, computed the same way just
     * before they went). So a regenerated, deleted or purged reply never takes a figure down.
     */
    factsSince(from: number): StreamFact[] {
      return prepared<[number, number], StreamFact>(
        db,
        `SELECT x.status, x.provider, x.model, x.started_at, x.error, x.first, x.last,
                COALESCE(x.content, (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = x.id AND c.part = 0
                   AND c.type != 'raw' AND c.t_ms >= x.first)) AS content,
                COALESCE(x.committed, (SELECT COUNT(*) FROM chunks c WHERE c.stream_id = x.id AND c.part = 0))
                  AS committed
           FROM (SELECT s.id, s.status, s.provider, s.model, s.started_at, s.error,
                        p.content_chunks AS content, p.committed_chunks AS committed,
                        CASE WHEN p.no IS NOT NULL THEN p.first_content_ms ELSE
                          (SELECT MIN(t_ms) FROM chunks c WHERE c.stream_id = s.id AND c.type IN ${CONTENT_TYPES}) END AS first,
                        CASE WHEN p.no IS NOT NULL THEN p.last_ms ELSE
                          (SELECT MAX(t_ms) FROM chunks c WHERE c.stream_id = s.id) END AS last
                   FROM streams s LEFT JOIN packed_streams p ON p.no = s.no WHERE s.started_at >= ?) x
         UNION ALL
         SELECT status, provider, model, started_at, error, first_content_ms, last_ms,
                content_chunks, committed_chunks
           FROM removed_streams WHERE started_at >= ?
         ORDER BY started_at`,
      ).all(from, from);
    },

    /** Every stream id, oldest first (sync's first push queues them after their messages). */
    allIds(): string[] {
      return plucked<[], string>(db, 'SELECT id FROM streams ORDER BY started_at, id').all();
    },

    /** The row as it travels between devices (synced columns only), if it is here. */
    syncedRow(streamId: string): Record<string, unknown> | undefined {
      return prepared<[string], Record<string, unknown>>(
        db,
        `SELECT ${STREAM_SYNCED_COLUMNS.join(', ')} FROM streams WHERE id = ?`,
      ).get(streamId);
    },

    /**
     * A row pulled from `fromDevice`, inserted or updated in place (columns this library
     * lacks, and the ones that mean something only there, left out). A stream still
     * streaming is that device's to write (owner `sync:<device>`), so recovery here
     * never takes it for an orphan; an ended one has no owner. Throws SQLite's
     * foreign-key error when its message is missing: sync decides whether it waits or goes.
     */
    writeSynced(row: Record<string, unknown>, fromDevice: string): void {
      const values = pickColumns(row, STREAM_SYNCED_COLUMNS);
      values.owner = values.status === 'streaming' ? `${REMOTE_OWNER_PREFIX}${fromDevice}` : null;
      const c = upsertById(Object.keys(values));
      prepared<[Record<string, unknown>]>(
        db,
        `INSERT INTO streams (${c.names}) VALUES (${c.values}) ON CONFLICT (id) DO UPDATE SET ${c.updates}`,
      ).run(values);
    },

    /** A purge from another device: the stream goes, its chunks with it. */
    purgeSynced(streamId: string): void {
      prepared<[string]>(db, 'DELETE FROM streams WHERE id = ?').run(streamId);
    },

    exists(streamId: string): boolean {
      return prepared<[string]>(db, 'SELECT 1 FROM streams WHERE id = ?').get(streamId) !== undefined;
    },

    /**
     * Streams whose chunk log may hold chunks sync has not pushed (`sync_chunks_pushed`,
     * migration 017): this library's own streams (not ones another device writes,
     * whose owner starts with `remotePrefix`) still streaming or past the pushed seq.
     */
    withUnpushedChunks(remotePrefix: string): string[] {
      return plucked<[], string>(
        db,
        `SELECT s.id FROM streams s LEFT JOIN sync_chunks_pushed p ON p.stream_id = s.id
          WHERE (s.owner IS NULL OR s.owner NOT LIKE '${remotePrefix}%')
            AND (s.status = 'streaming' OR p.seq IS NULL OR p.seq < s.last_seq)`,
      ).all();
    },

    /** A chunk pulled from another device, appended to the log as it was logged there. */
    insertPulledChunk(streamId: string, seq: number, tMs: number, type: string, payload: string): void {
      prepared<[string, number, number, string, string]>(
        db,
        'INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES (?, ?, 0, ?, ?, ?)',
      ).run(streamId, seq, tMs, type, payload);
    },
  };
}

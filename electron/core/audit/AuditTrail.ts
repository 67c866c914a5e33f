import type { Database, Statement } from 'better-sqlite3';
import type { AuditEvent, AuditKind } from '../../../shared/api/schemas/audit';
import { systemClock, type Clock } from '../deps';
import { messageSql } from '../store/messageQueries';
import { isStorageFailure } from '../stream/storageErrors';
import { streamQueries } from '../stream/streamQueries';
import type { CommitBatch, StreamEndStatus, StreamInfo, StreamListener } from '../stream/types';

const END_KINDS: Record<StreamEndStatus, AuditKind> = {
  complete: 'completed',
  error: 'failed',
  cancelled: 'stopped',
  interrupted: 'interrupted',
};

export interface AuditTrailOptions {
  db: Database;
  clock?: Clock;
  onInternalError?: (err: unknown, where: string) => void;
}

/**
 * The lifecycle of each message, as rows in `audit_events`. A listener on the engine
 * records starts and ends (a Stop is the only way a stream ends 'cancelled', so that
 * is "stopped by the user"); recovery, the exporter and regenerate call `record`.
 * An audit write never breaks what it records: storage refusing it loses the entry
 * (the chunk log, not the audit trail, is what must survive), a bug is reported.
 */
export class AuditTrail implements StreamListener {
  private readonly clock: Clock;
  private readonly insert: Statement<[string, number, string, string | null, string]>;
  private readonly db: Database;
  private readonly reportInternal: (err: unknown, where: string) => void;

  constructor(options: AuditTrailOptions) {
    const { db } = options;
    this.db = db;
    this.clock = options.clock ?? systemClock;
    this.reportInternal = options.onInternalError ?? ((err, where) => console.error(where, err));
    // INSERT … SELECT: an event for a message deleted meanwhile is dropped, not a foreign-key error.
    this.insert = db.prepare(
      `INSERT INTO audit_events (message_id, at, kind, detail)
       SELECT ?, ?, ?, ? WHERE ${messageSql.exists('?')}`,
    );
  }

  record(messageId: string, kind: AuditKind, detail?: Record<string, unknown>): void {
    try {
      this.insert.run(messageId, this.clock.now(), kind, detail ? JSON.stringify(detail) : null, messageId);
    } catch (err) {
      if (!isStorageFailure(err)) this.reportInternal(err, `audit.${kind}`);
    }
  }

  list(messageId: string): AuditEvent[] {
    return readAuditEvents(this.db, messageId);
  }

  streamStarted({ streamId, messageId }: StreamInfo): void {
    const continued = streamQueries(this.db).othersOfMessage(messageId, streamId) > 0;
    this.record(messageId, continued ? 'continued' : 'started', { streamId });
  }

  committed({ ended }: CommitBatch): void {
    for (const end of ended) {
      const detail: Record<string, unknown> = { streamId: end.streamId };
      if (end.error) detail.error = end.error.message;
      this.record(end.messageId, END_KINDS[end.status], detail);
    }
  }
}

/** A message's audit events, oldest first (for readers without an AuditTrail, e.g. the exporter). */
export function readAuditEvents(db: Database, messageId: string): AuditEvent[] {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_events'")
    .get();
  if (!hasTable) return [];
  return db
    .prepare<[string], { at: number; kind: string; detail: string | null }>(
      'SELECT at, kind, detail FROM audit_events WHERE message_id = ? ORDER BY at, id',
    )
    .all(messageId)
    .map((row) => ({
      at: row.at,
      kind: row.kind as AuditKind,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
    }));
}

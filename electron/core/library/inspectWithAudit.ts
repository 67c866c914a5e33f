import type { Database } from 'better-sqlite3';
import type { AuditEvent } from '../../../shared/api/schemas/audit';
import { historyWithAudit } from '../audit/historyWithAudit';
import type { MessageStore } from '../store/MessageStore';
import type { CommitRecorder } from './CommitRecorder';
import { inspectMessage } from './inspectStreams';

export interface InspectorDeps {
  db: Database;
  messages: MessageStore;
  commits: CommitRecorder;
  now(): number;
  /** The message's audit trail, merged into the status history where it adds something. */
  audit?(messageId: string): AuditEvent[];
}

/**
 * The stream inspector's figures for one message, its audit trail merged into the
 * status history. Throws ApiFailure NOT_FOUND for an unknown message, not an empty report.
 */
export function inspectWithAudit(deps: InspectorDeps, messageId: string) {
  deps.messages.get(messageId);
  const inspection = inspectMessage(
    { db: deps.db, now: deps.now, recordedBatches: (id) => deps.commits.get(id) },
    messageId,
  );
  if (!deps.audit) return inspection;
  return { ...inspection, history: historyWithAudit(inspection.history, deps.audit(messageId)) };
}

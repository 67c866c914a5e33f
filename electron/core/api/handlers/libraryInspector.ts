import type { Database } from 'better-sqlite3';
import type { AuditEvent } from '../../../../shared/api/schemas/audit';
import { historyWithAudit } from '../../audit/historyWithAudit';
import type { CommitRecorder } from '../../library/CommitRecorder';
import { inspectMessage } from '../../library/inspectStreams';
import type { MessageStore } from '../../store/MessageStore';
import type { ApiHandlers } from '../types';
import { ApiFailure } from '../../../../shared/api/result';
import { messageReport } from '../../export/messageReport';
import type { ExportSource } from '../../export/source';

export interface InspectorHandlerDeps {
  db: Database;
  messages: MessageStore;
  commits: CommitRecorder;
  now(): number;
  /** The message's audit trail, merged into the status history where it adds something. */
  audit?(messageId: string): AuditEvent[];
  /** What exports read (messages and streams as logged): `streams.report` reads it too. */
  source: ExportSource;
}

/** `streams.inspect`: the stream inspector's figures for one message; `streams.report`: `spool inspect`'s. */
export function inspectorHandlers(
  deps: InspectorHandlerDeps,
): Pick<ApiHandlers, 'streams.inspect' | 'streams.report'> {
  return {
    'streams.report': ({ messageId }) => {
      const report = messageReport(
        deps.source,
        (id) => deps.messages.findStored(id)?.usage ?? null,
        messageId,
      );
      if (!report) throw new ApiFailure('NOT_FOUND', `No message with id ${messageId}.`);
      return report;
    },
    'streams.inspect': ({ messageId }) => {
      deps.messages.get(messageId); // NOT_FOUND for an unknown message, not an empty report
      const inspection = inspectMessage(
        { db: deps.db, now: deps.now, recordedBatches: (id) => deps.commits.get(id) },
        messageId,
      );
      if (!deps.audit) return inspection;
      return { ...inspection, history: historyWithAudit(inspection.history, deps.audit(messageId)) };
    },
  };
}

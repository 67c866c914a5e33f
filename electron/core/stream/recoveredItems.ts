import type { Database } from 'better-sqlite3';
import type { RecoveredItems, RecoveryReport } from '../../../shared/api/schemas/streams';
import { messageQueries } from '../store/messageQueries';

/**
 * What a recovery run touched, by id. Recovery stamps what it finalises and rebuilds
 * with its own time (`ranAt`): that is how they are found again.
 */
export function recoveredItemsReader(db: Database): (report: RecoveryReport) => RecoveredItems {
  const interrupted = db.prepare<[number | null], RecoveredItems['interrupted'][number]>(
    `SELECT id AS streamId, message_id AS messageId, last_seq AS lastSeq FROM streams
     WHERE status = 'interrupted' AND ended_at = ? ORDER BY started_at`,
  );
  const messages = messageQueries(db);
  return (report) => ({
    interrupted: interrupted.all(report.ranAt),
    rebuilt: messages.idsUpdatedAt(report.ranAt).slice(0, report.messagesRebuilt),
  });
}

import type { ExportTarget } from '../../../shared/api/schemas/export';
import type { AuditTrail } from './AuditTrail';

/**
 * An export written whole: an 'exported' entry on the message, or on each message of
 * an exported conversation. Library exports are not recorded per message (one export
 * would add a row to every message there is).
 */
export function recordExport(
  audit: AuditTrail,
  target: ExportTarget,
  messageIdsOf: (conversationId: string) => string[],
  into: 'export' | 'report' = 'export',
): void {
  if (target.kind === 'message') {
    audit.record(target.messageId, 'exported', {
      format: target.format,
      ...(into === 'report' ? { scope: 'report' } : {}),
    });
  } else if (target.kind === 'conversation') {
    for (const id of messageIdsOf(target.conversationId)) {
      audit.record(id, 'exported', { format: target.format, scope: 'conversation' });
    }
  }
}

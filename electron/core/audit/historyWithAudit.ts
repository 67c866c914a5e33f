import type { AuditEvent } from '../../../shared/api/schemas/audit';
import type { HistoryEvent } from '../../../shared/api/schemas/inspector';

/**
 * The inspector's status history comes from the streams rows; the audit trail adds
 * only what those rows cannot tell: a message rebuilt at recovery, an interruption
 * found at launch (a crash rather than a quit), exports, and the reply it replaced.
 */
export function historyWithAudit(history: HistoryEvent[], audit: AuditEvent[]): HistoryEvent[] {
  const out = history.map((event) => ({ ...event }));
  for (const a of audit) {
    const streamId = typeof a.detail?.streamId === 'string' ? a.detail.streamId : undefined;
    switch (a.kind) {
      case 'interrupted': {
        if (a.detail?.by !== 'recovery') break;
        const row = out.find((e) => e.kind === 'interrupted' && e.streamId === streamId);
        if (row) row.detail = 'Found at launch: Spool had stopped while it streamed';
        break;
      }
      case 'recovered':
        out.push({ kind: 'recovered', at: a.at, streamId, detail: 'Rebuilt from the chunk log at launch' });
        break;
      case 'exported': {
        const format = typeof a.detail?.format === 'string' ? a.detail.format : null;
        const detail =
          a.detail?.scope === 'report'
            ? 'Its chunk log, into a "Report a problem" bundle'
            : format
              ? `As ${format}`
              : null;
        out.push({ kind: 'exported', at: a.at, ...(detail ? { detail } : {}) });
        break;
      }
      case 'regenerated':
        out.push({ kind: 'regenerated', at: a.at, detail: 'A new version beside an earlier reply (kept)' });
        break;
      default:
        break; // started, continued, completed, failed, stopped: the streams rows already say so
    }
  }
  // Stable: events at the same moment keep their order (stream rows first).
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at - y.e.at || x.i - y.i)
    .map(({ e }) => e);
}

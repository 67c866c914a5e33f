import type { MessageReport } from '../../../shared/api/schemas/inspector';
import type { Usage } from '../../../shared/usage';
import { sentRequest } from '../library/sentRequest';
import type { ExportSource } from './source';
import { streamStats } from './streamStats';

/**
 * `streams.report` (what `spool inspect` prints): the message's usage as stored, and per
 * stream its figures and what its request sent. Null for an unknown message.
 */
export function messageReport(
  source: ExportSource,
  storedUsage: (messageId: string) => Usage | null,
  messageId: string,
): MessageReport | null {
  const message = source.findMessage(messageId);
  if (!message) return null;
  // The request as recorded with the stream: the source has it parsed already.
  const streams = source.streamsOf(messageId).map((s) => ({
    ...streamStats(source, s),
    sent: sentRequest(s.request == null ? null : JSON.stringify(s.request)),
  }));
  return {
    messageId: message.id,
    conversationId: message.conversationId,
    role: message.role,
    status: message.status,
    createdAt: message.createdAt,
    usage: storedUsage(messageId),
    streams,
  };
}

import type { Database } from 'better-sqlite3';
import type { StreamStatus } from '../../../shared/api/schemas/streams';
import type { MessageError } from '../../../shared/api/schemas/messages';

interface Row {
  messageId: string;
  status: StreamStatus['status'];
  error: string | null;
  lastSeq: number;
}

/** One stream's row as `streams.status` answers it; null for an unknown id. */
export function streamStatusReader(db: Database): (streamId: string) => StreamStatus | null {
  const select = db.prepare<[string], Row>(
    'SELECT message_id AS messageId, status, error, last_seq AS lastSeq FROM streams WHERE id = ?',
  );
  return (streamId) => {
    const row = select.get(streamId);
    if (!row) return null;
    return {
      streamId,
      messageId: row.messageId,
      status: row.status,
      error: row.error ? (JSON.parse(row.error) as MessageError) : null,
      // The row's last_seq is written when the stream ends.
      lastSeq: row.status === 'streaming' ? null : row.lastSeq,
    };
  };
}

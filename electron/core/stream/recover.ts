import type { Database } from 'better-sqlite3';
import type { MessageStatus } from '../../../shared/api/schemas/messages';
import type { RecoveryReport } from '../../../shared/api/schemas/streams';
import { applyChunk, type MessageSnapshot } from '../../../shared/reduce';
import { systemClock, type Clock } from '../deps';
import { messageQueries, type LaggingMessage } from '../store/messageQueries';
import { iterateChunks } from './chunkRows';
import { streamQueries } from './streamQueries';

export interface RecoverOptions {
  db: Database;
  clock?: Clock;
  /** This process's instance id: its streams that it is not writing are orphans too. */
  selfId?: string;
  /** Whether a stream's owner is alive (InstanceRegistry.isAlive). */
  isOwnerAlive(owner: string | null): boolean;
  /** Whether this process is writing the stream right now (StreamEngine.isLive). */
  isLocalStream?(streamId: string): boolean;
  /** Told of each stream finalised and each message rebuilt (the audit trail). */
  onRecovered?(messageId: string, what: 'interrupted' | 'rebuilt', streamId: string): void;
}

const TERMINAL: ReadonlySet<MessageStatus> = new Set(['complete', 'error', 'cancelled']);

/**
 * Recovery (§3.7), run at launch and callable later. Streams still 'streaming' whose
 * owner is gone lost their reader: they become 'interrupted', keeping every committed
 * chunk. Then every message whose snapshot is behind its streams' logs is rebuilt from
 * the log with the shared reducer; a message left 'streaming' without any live stream
 * becomes 'interrupted' (counted as rebuilt). Streams of live owners (another process,
 * or this one) are never touched, and nothing is deleted.
 */
export function recover(options: RecoverOptions): RecoveryReport {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const isLocal = options.isLocalStream ?? (() => false);

  const streams = streamQueries(db);
  const messages = messageQueries(db);

  let streamsInterrupted = 0;
  const orphaned = streams
    .streaming()
    .filter((s) => !isLocal(s.id) && (s.owner === options.selfId || !options.isOwnerAlive(s.owner)));
  for (const s of orphaned) {
    // A compare-and-set on the owner, against a racing owner.
    const changed = streams.interruptOrphan(s.id, s.owner, now);
    streamsInterrupted += changed;
    if (changed > 0) options.onRecovered?.(s.message_id, 'interrupted', s.id);
  }

  // A message is behind when its latest stream is not the one its snapshot folded,
  // or the log has chunks past snapshot_seq, or its status still says streaming
  // although the stream ended. Streams still streaming belong to live owners: skip.
  const lagging = messages.lagging();
  let messagesRebuilt = 0;
  for (const row of lagging) {
    rebuildMessage(db, row, now);
    messagesRebuilt++;
    options.onRecovered?.(row.message_id, 'rebuilt', row.stream_id);
  }
  messagesRebuilt += finaliseStreamlessMessages(db, now);
  return { messagesRebuilt, streamsInterrupted, ranAt: now };
}

/**
 * A message still 'streaming' with no stream that is: its writer died between
 * creating it and starting its stream (the app does both in one transaction; other
 * writers of the engine API may not). Nothing was said, so it becomes 'interrupted'
 * as it is. No age threshold or owner is needed to spare a live process that is
 * between the two steps: this is one compare-and-set statement, a stream started
 * before it makes it match nothing, and one started after it sets the message back
 * to 'streaming' in the same transaction that creates the stream row.
 */
function finaliseStreamlessMessages(db: Database, now: number): number {
  return messageQueries(db).interruptStreamless(now);
}

/** Folds every stream of the message, in start order, into a fresh snapshot and writes it. */
function rebuildMessage(db: Database, row: LaggingMessage, now: number): void {
  const streams = streamQueries(db).statusesOfMessage(row.message_id);
  let snap: MessageSnapshot = { parts: [], status: 'streaming', error: null };
  let lastSeq = -1;
  for (const stream of streams) {
    // Each stream (a reply, then each Continue) starts from the parts before it.
    snap = { parts: snap.parts, status: 'streaming', error: null };
    lastSeq = -1;
    for (const logged of iterateChunks(db, stream.id)) {
      snap = applyChunk(snap, logged.chunk);
      lastSeq = logged.seq;
    }
  }
  // No terminal chunk in the log: keep a terminal status (and its error) the message
  // already has; else the stream's own end ('interrupted' after a crash).
  const keepOwn = snap.status === 'streaming' && TERMINAL.has(row.msg_status);
  const status = snap.status !== 'streaming' ? snap.status : keepOwn ? row.msg_status : row.stream_status;
  messageQueries(db).writeRebuilt(
    row.message_id,
    {
      parts: JSON.stringify(snap.parts),
      status: status === 'streaming' ? 'interrupted' : status,
      keepError: keepOwn,
      error: snap.error ? JSON.stringify(snap.error) : null,
      snapshotSeq: lastSeq,
      streamId: row.stream_id,
    },
    now,
  );
}

import type { MessageMeta } from '../../../shared/api/events';
import type { ChunkItem } from '../../../shared/chunks';
import type { Message, MessageError, MessagePart, MessageStatus } from '../../../shared/api/schemas/messages';
import type { MessageSnapshot } from '../../../shared/reduce';
import type { Clock } from '../deps';
import type { StorageFault, StreamEnd } from './types';

/**
 * A streaming message as the writer holds it: the fold of its committed chunks, what is
 * written and what is owed, its debounce, and what its last update said.
 */
export interface StreamingMessage {
  message: Message;
  streamId: string;
  /** The fold of every committed chunk: what the database will hold. */
  snap: MessageSnapshot;
  seq: number;
  ended: StreamEnd | null;
  /** Delivered live while storage fails, not durable yet. */
  undurable: ChunkItem[];
  unsaved: StorageFault | null;
  dirty: boolean;
  timer: NodeJS.Timeout | null;
  /** How long the debounce waits before the next write, from the size last written. */
  gapMs: number;
  /** What the last update said (see metaKey); an update is sent only when this changes. */
  said: string | null;
}

/** The message as the window sees it, without parts; snapshotSeq = the last seq delivered. */
export function messageMeta(entry: StreamingMessage, clock: Clock): MessageMeta {
  const { parts: _parts, ...message } = entry.message;
  const delivered = entry.undurable.length ? entry.undurable[entry.undurable.length - 1]!.seq : -1;
  return {
    ...message,
    status: statusOf(entry.snap, entry.ended),
    error: shownError(entry),
    snapshotSeq: Math.max(entry.seq, delivered),
    streamId: entry.streamId,
    updatedAt: clock.now(),
    unsaved: entry.unsaved !== null,
  };
}

/** For messages.list: the fold up to the latest committed seq. */
export function messageOverlay(entry: StreamingMessage, clock: Clock): Message {
  return {
    ...entry.message,
    parts: entry.snap.parts,
    status: statusOf(entry.snap, entry.ended),
    error: shownError(entry),
    snapshotSeq: entry.seq,
    streamId: entry.streamId,
    updatedAt: clock.now(),
    unsaved: entry.unsaved !== null,
  };
}

function shownError(entry: StreamingMessage): MessageError | null {
  return entry.unsaved
    ? {
        code: 'storage',
        message: `Not being saved (${entry.unsaved.code}: ${entry.unsaved.message}); retrying.`,
      }
    : entry.snap.error;
}

/** What an update says that a window shows: a change of any of these is sent. */
export function metaKey(meta: MessageMeta, ended: boolean): string {
  return JSON.stringify([meta.streamId, meta.status, meta.error, meta.unsaved, meta.usage, ended]);
}

/** About the size of the parts' JSON, without making it: text lengths, other parts serialised. */
export function approxBytes(parts: readonly MessagePart[]): number {
  let bytes = 0;
  for (const part of parts) {
    bytes +=
      part.type === 'text' || part.type === 'reasoning' ? part.text.length : JSON.stringify(part).length;
  }
  return bytes;
}

export function statusOf(snap: MessageSnapshot, ended: StreamEnd | null): MessageStatus {
  if (snap.status !== 'streaming') return snap.status;
  return ended ? ended.status : 'streaming';
}

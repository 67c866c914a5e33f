import { FLUSH_NOW_CHUNK_TYPES, type ChunkItem } from '../../../shared/chunks';
import type { MessageMeta } from '../../../shared/api/events';
import type { Message } from '../../../shared/api/schemas/messages';
import { applyChunk, applyChunks } from '../../../shared/reduce';
import { addUsage } from '../../../shared/usage';
import { systemClock, type Clock } from '../deps';
import type { MessageStore } from '../store/MessageStore';
import { isStorageFailure } from './storageErrors';
import {
  approxBytes,
  messageMeta,
  messageOverlay,
  metaKey,
  statusOf,
  type StreamingMessage,
} from './streamingMessage';
import {
  defaultInternalError,
  type CommitBatch,
  type InternalErrorReporter,
  type StorageFault,
  type StreamInfo,
  type StreamListener,
} from './types';

export interface MessageWriterOptions {
  messages: MessageStore;
  clock?: Clock;
  /**
   * At most one snapshot write per message per this many ms (§3.6). Default 1000:
   * the log already holds every chunk, so a streaming snapshot only saves recovery
   * some folding; each write rewrites the whole message row.
   */
  debounceMs?: number;
  /**
   * A long reply's snapshot is rewritten whole, so it is written less often as it
   * grows: at most about this many of its bytes per second, beyond `debounceMs`
   * (rewriting a reply that grows steadily then costs O(its size), not O(size²)).
   * The chunk log stays the durable record and `messages.list` the live one (§3.6).
   */
  snapshotBytesPerSec?: number;
  /**
   * A streaming message's status or metadata changed (started, ended, failed, "not
   * being saved" or saved again); never its parts, which windows fold from the
   * chunks. Terminal updates always arrive.
   */
  onUpdate?: (message: MessageMeta) => void;
  onInternalError?: InternalErrorReporter;
}

/** A reply under about this many bytes is written every `debounceMs`, as before it grows. */
const DEFAULT_SNAPSHOT_BYTES_PER_SEC = 64 * 1024;

/**
 * The debounced writer (§3.6), a listener of the engine: folds each streaming
 * message's committed chunks with the shared reducer in memory and writes
 * parts/status/error/snapshot_seq at most once per `debounceMs` (less often as a
 * reply grows long), at once for terminal changes, and on `flushAll()`. It also
 * serves the in-memory state to `messages.list`, so a reloaded window sees what the
 * live one sees. Windows get the text once, as chunks: its updates carry status and
 * metadata only, and only when they change.
 */
export class MessageWriter implements StreamListener {
  private readonly messages: MessageStore;
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly snapshotBytesPerMs: number;
  private readonly onUpdate: (message: MessageMeta) => void;
  private readonly reportInternal: InternalErrorReporter;
  private readonly byStream = new Map<string, StreamingMessage>();
  private readonly byMessage = new Map<string, StreamingMessage>();
  private fault: StorageFault | null = null;

  constructor(options: MessageWriterOptions) {
    this.messages = options.messages;
    this.clock = options.clock ?? systemClock;
    this.debounceMs = options.debounceMs ?? 1000;
    this.snapshotBytesPerMs = (options.snapshotBytesPerSec ?? DEFAULT_SNAPSHOT_BYTES_PER_SEC) / 1000;
    this.onUpdate = options.onUpdate ?? (() => {});
    this.reportInternal = options.onInternalError ?? defaultInternalError;
  }

  streamStarted(info: StreamInfo): void {
    const message = this.messages.findStored(info.messageId);
    if (!message) return;
    const previous = this.byMessage.get(info.messageId);
    if (previous) this.flush(previous);
    // Continue folds the new stream onto the parts the earlier streams produced.
    const entry: StreamingMessage = {
      message,
      streamId: info.streamId,
      snap: { parts: previous?.snap.parts ?? message.parts, status: 'streaming', error: null },
      seq: -1,
      ended: null,
      undurable: [],
      unsaved: null,
      dirty: false,
      timer: null,
      gapMs: this.debounceMs,
      said: null,
    };
    this.byStream.set(info.streamId, entry);
    this.byMessage.set(info.messageId, entry);
    this.tell(entry);
  }

  committed(batch: CommitBatch): void {
    let now: Set<StreamingMessage> | null = null;
    let later: Set<StreamingMessage> | null = null;
    const items = batch.items;
    // Fold runs of one stream's chunks with one reducer call (a batch is mostly one run).
    for (let i = 0; i < items.length;) {
      const streamId = items[i]!.streamId;
      let end = i + 1;
      while (end < items.length && items[end]!.streamId === streamId) end++;
      const entry = this.byStream.get(streamId);
      if (entry) {
        let flushNow = entry.unsaved !== null;
        const chunks = new Array<ChunkItem['chunk']>(end - i);
        for (let k = i; k < end; k++) {
          const chunk = items[k]!.chunk;
          chunks[k - i] = chunk;
          if (FLUSH_NOW_CHUNK_TYPES.has(chunk.type)) flushNow = true;
          // Usage is read from the finish chunk in the log (MessageStore); this keeps the live view the same.
          if (chunk.type === 'finish' && chunk.usage)
            entry.message = { ...entry.message, usage: addUsage(entry.message.usage, chunk.usage) };
        }
        entry.snap =
          chunks.length === 1 ? applyChunk(entry.snap, chunks[0]!) : applyChunks(entry.snap, chunks);
        entry.seq = items[end - 1]!.seq;
        entry.dirty = true;
        if (flushNow) (now ??= new Set()).add(entry);
        else (later ??= new Set()).add(entry);
      }
      i = end;
    }
    for (const end of batch.ended) {
      const e = this.byStream.get(end.streamId);
      if (!e) continue;
      e.ended = end;
      e.dirty = true;
      (now ??= new Set()).add(e);
    }
    for (const e of this.byStream.values()) {
      // Storage came back: every "not saved" message is told at once, written or not.
      if (e.unsaved && !this.fault) (now ??= new Set()).add(e);
    }
    for (const e of now ?? []) {
      e.unsaved = this.fault && e.unsaved ? e.unsaved : null;
      if (e.undurable.length) e.undurable = e.undurable.filter((i) => i.seq > e.seq);
      this.flush(e);
    }
    for (const e of later ?? []) if (!now?.has(e)) this.arm(e);
  }

  undurable(items: ChunkItem[], fault: StorageFault): void {
    const changed = new Set<StreamingMessage>();
    for (const item of items) {
      const entry = this.byStream.get(item.streamId);
      if (!entry) continue;
      entry.undurable.push(item);
      changed.add(entry);
    }
    for (const entry of changed) {
      const first = entry.unsaved === null;
      entry.unsaved = fault;
      // Becoming "not saved" is shown at once; more text while unsaved is debounced.
      if (first) this.flush(entry);
      else this.arm(entry);
    }
  }

  storageChanged(fault: StorageFault | null): void {
    this.fault = fault;
  }

  /** Writes every pending change now (quit, window close). */
  flushAll(): void {
    for (const entry of [...this.byStream.values()]) this.flush(entry);
  }

  /** The in-memory view of a streaming message (up to its latest committed seq), for messages.list. */
  overlay(message: Message): Message {
    const entry = this.byMessage.get(message.id);
    return entry ? messageOverlay(entry, this.clock) : message;
  }

  close(): void {
    for (const entry of this.byStream.values()) if (entry.timer) clearTimeout(entry.timer);
    this.byStream.clear();
    this.byMessage.clear();
  }

  private arm(entry: StreamingMessage): void {
    if (entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.flush(entry);
    }, entry.gapMs);
    entry.timer.unref();
  }

  private flush(entry: StreamingMessage): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.dirty && !this.fault) this.write(entry);
    this.tell(entry);
    const done = entry.ended && !entry.dirty && entry.undurable.length === 0 && !entry.unsaved;
    if (done) {
      this.byStream.delete(entry.streamId);
      if (this.byMessage.get(entry.message.id) === entry) this.byMessage.delete(entry.message.id);
    }
  }

  private write(entry: StreamingMessage): void {
    try {
      this.messages.writeSnapshot(entry.message.id, {
        parts: entry.snap.parts,
        status: statusOf(entry.snap, entry.ended),
        error: entry.snap.error,
        snapshotSeq: entry.seq,
      });
      entry.dirty = false;
      entry.gapMs = Math.max(this.debounceMs, approxBytes(entry.snap.parts) / this.snapshotBytesPerMs);
    } catch (err) {
      // The log already holds these chunks: a later write (or recovery) catches up.
      if (!isStorageFailure(err)) this.reportInternal(err, 'message writer');
      this.arm(entry);
    }
  }

  /** Sends an update when what it says changed since the last one. */
  private tell(entry: StreamingMessage): void {
    try {
      const meta = messageMeta(entry, this.clock);
      const said = metaKey(meta, entry.ended !== null);
      if (said === entry.said) return;
      entry.said = said;
      this.onUpdate(meta);
    } catch (err) {
      this.reportInternal(err, 'message.updated');
    }
  }
}

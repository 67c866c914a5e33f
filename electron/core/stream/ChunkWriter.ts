import type { Database, Statement } from 'better-sqlite3';
import { splitPayload, storedPayload } from './chunkRows';
import type { LogStream, PendingRow } from './logMemory';
import { encodeRawDelta, MAX_DELTAS_PER_KEY } from './rawDelta';
import {
  tellObserver,
  type CommitObservation,
  type CoreObserver,
  type InternalErrorReporter,
  type StreamEnd,
} from './types';

/**
 * Writes one group commit: every pending row (split into continuation rows when
 * oversized, §3.8) and the stream ends (with their last_seq), in ONE IMMEDIATE
 * transaction. Throws when SQLite refuses; then nothing was written.
 *
 * `streams.last_seq` is written when a stream ends, not by every commit: that would
 * add the streams row's page to each commit's WAL frames (a page per token at chat
 * rates). While a stream is live, `lastCommittedSeq` (chunkRows.ts) reads the log.
 */
export class ChunkWriter {
  private readonly insert: Statement<[number | bigint, number, number, number, string, string]>;
  private readonly exists: Statement<[string], number>;
  private readonly setEnd: Statement<[string, number, string | null, string, string]>;
  private readonly tx: { immediate(rows: PendingRow[], ends: StreamEnd[]): void };
  private pass = 0;
  private touched: LogStream[] = [];

  constructor(
    db: Database,
    private readonly maxChunkBytes: number,
  ) {
    this.insert = db.prepare(
      'INSERT INTO chunk_rows (key, seq, part, t_ms, type, payload) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.exists = db.prepare<[string], number>('SELECT 1 FROM streams WHERE id = ?').pluck();
    this.setEnd = db.prepare(
      `UPDATE streams SET status = ?, ended_at = ?, error = ?,
         last_seq = COALESCE((SELECT MAX(seq) FROM chunks WHERE stream_id = ?), last_seq) WHERE id = ?`,
    );
    this.tx = db.transaction((rows: PendingRow[], ends: StreamEnd[]) => this.write(rows, ends));
  }

  commit(rows: PendingRow[], ends: StreamEnd[]): void {
    this.touched = [];
    this.tx.immediate(rows, ends);
    for (const s of this.touched) {
      s.nextRow = s.passRow;
      s.rawKey = s.passRawKey;
      s.rawDeltas = s.passRawDeltas;
    }
  }

  private write(rows: PendingRow[], ends: StreamEnd[]): void {
    const pass = ++this.pass;
    for (const r of rows) {
      const { stream, item } = r;
      if (stream.mark !== pass) {
        // The foreign key the integer keys do not have: a deleted stream takes no rows.
        if (!this.exists.get(stream.id)) throw vanished(stream.id);
        stream.mark = pass;
        stream.passRow = stream.nextRow;
        stream.passRawKey = stream.rawKey;
        stream.passRawDeltas = stream.rawDeltas;
        this.touched.push(stream);
      }
      const type = item.chunk.type;
      if (r.payload.length * 3 <= this.maxChunkBytes) {
        // The common case, without the split's array: one row.
        const row = stream.passRow++;
        const key = stream.keyBaseNumber >= 0 ? stream.keyBaseNumber + row : stream.keyBase + BigInt(row);
        const stored = storedPayload(type, r.payload);
        this.insert.run(key, item.seq, 0, r.tMs, type, type === 'raw' ? this.rawRow(stream, stored) : stored);
        continue;
      }
      // A raw event split into continuation rows is no key: the next one is stored whole.
      if (type === 'raw') stream.passRawKey = null;
      const pieces = splitPayload(r.payload, this.maxChunkBytes);
      for (let part = 0; part < pieces.length; part++) {
        const row = stream.passRow++;
        const key = stream.keyBaseNumber >= 0 ? stream.keyBaseNumber + row : stream.keyBase + BigInt(row);
        const text = part === 0 ? storedPayload(type, pieces[0]!) : pieces[part]!;
        this.insert.run(key, item.seq, part, r.tMs, type, text);
      }
    }
    for (const e of ends) {
      const error = e.error ? JSON.stringify(e.error) : null;
      this.setEnd.run(e.status, e.endedAt, error, e.streamId, e.streamId);
    }
  }

  /** A raw row as stored: a delta against the stream's key row, or whole as its new key (rawDelta.ts). */
  private rawRow(stream: LogStream, stored: string): string {
    if (stream.passRawKey !== null && stream.passRawDeltas < MAX_DELTAS_PER_KEY) {
      const delta = encodeRawDelta(stream.passRawKey, stored);
      if (delta !== null) {
        stream.passRawDeltas++;
        return delta;
      }
    }
    stream.passRawKey = stored;
    stream.passRawDeltas = 0;
    return stored;
  }
}

function vanished(streamId: string): Error {
  const err = new Error(`FOREIGN KEY constraint failed: stream ${streamId} is gone`) as Error & {
    code: string;
  };
  err.code = 'SQLITE_CONSTRAINT_FOREIGNKEY';
  return err;
}

/** The promise producers await while the pending buffer is full (§3.9); one per episode. */
export class RoomGate {
  private waiting: { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } | null = null;

  wait(): Promise<void> {
    if (!this.waiting) {
      let resolve!: () => void;
      let reject!: (e: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.waiting = { promise, resolve, reject };
    }
    return this.waiting.promise;
  }

  open(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.resolve();
  }

  fail(err: Error): void {
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }
}

/** Tells the observer (benchmarks) what a commit carried, counted only when there is one. */
export function tellCommit(
  observer: CoreObserver | undefined,
  ms: number,
  rows: PendingRow[],
  report: InternalErrorReporter,
): void {
  const onCommit = observer?.onCommit;
  if (onCommit) tellObserver(() => onCommit(observeCommit(ms, rows)), report, 'observe.onCommit');
}

function observeCommit(ms: number, rows: PendingRow[]): CommitObservation {
  let textDeltas = 0;
  let payloadBytes = 0;
  for (const r of rows) {
    if (r.item.chunk.type === 'text-delta') textDeltas++;
    payloadBytes += Buffer.byteLength(r.payload, 'utf8');
  }
  return { ms, chunks: rows.length, textDeltas, payloadBytes };
}

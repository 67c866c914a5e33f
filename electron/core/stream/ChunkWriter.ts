import type { Database, Statement } from 'better-sqlite3';
import type { ChunkItem } from '../../../shared/chunks';
import { splitPayload } from './chunkRows';
import type { StreamEnd } from './types';

/** A stream as the chunk log tracks it in memory. */
export interface LogStream {
  readonly id: string;
  readonly messageId: string;
  readonly startedAt: number;
  nextSeq: number;
  /** Highest seq in the log (committed). */
  committedSeq: number;
  /** Highest seq delivered to anyone: committed, or live from memory while storage fails. */
  publishedSeq: number;
  ending: boolean;
  /** Commit pass that last touched this stream (to update last_seq once per commit). */
  mark: number;
  /** Highest seq of this stream in the commit being written. */
  passSeq: number;
}

/** A chunk waiting for its commit (or, while storage fails, kept in the in-memory tail). */
export interface PendingRow {
  stream: LogStream;
  item: ChunkItem;
  tMs: number;
  payload: string;
}

/**
 * Writes one group commit: every pending row (split into continuation rows when
 * oversized, §3.8), each touched stream's last_seq, and the stream ends, in ONE
 * IMMEDIATE transaction. Throws when SQLite refuses; then nothing was written.
 */
export class ChunkWriter {
  private readonly insert: Statement<[string, number, number, number, string, string]>;
  private readonly setLastSeq: Statement<[number, string]>;
  private readonly setEnd: Statement<[string, number, string | null, string]>;
  private readonly tx: { immediate(rows: PendingRow[], ends: StreamEnd[]): void };
  private pass = 0;

  constructor(
    db: Database,
    private readonly maxChunkBytes: number,
  ) {
    this.insert = db.prepare(
      'INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.setLastSeq = db.prepare('UPDATE streams SET last_seq = ? WHERE id = ?');
    this.setEnd = db.prepare('UPDATE streams SET status = ?, ended_at = ?, error = ? WHERE id = ?');
    this.tx = db.transaction((rows: PendingRow[], ends: StreamEnd[]) => this.write(rows, ends));
  }

  commit(rows: PendingRow[], ends: StreamEnd[]): void {
    this.tx.immediate(rows, ends);
  }

  private write(rows: PendingRow[], ends: StreamEnd[]): void {
    const pass = ++this.pass;
    const touched: LogStream[] = [];
    for (const r of rows) {
      const { stream, item } = r;
      if (stream.mark !== pass) {
        stream.mark = pass;
        touched.push(stream);
      }
      stream.passSeq = item.seq;
      const pieces = splitPayload(r.payload, this.maxChunkBytes);
      for (let part = 0; part < pieces.length; part++) {
        this.insert.run(stream.id, item.seq, part, r.tMs, item.chunk.type, pieces[part]!);
      }
    }
    for (const s of touched) this.setLastSeq.run(s.passSeq, s.id);
    for (const e of ends) {
      this.setEnd.run(e.status, e.endedAt, e.error ? JSON.stringify(e.error) : null, e.streamId);
    }
  }
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

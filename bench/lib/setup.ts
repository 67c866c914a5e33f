import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Chunk, ChunkItem } from '../../shared/chunks';
import { openDatabase } from '../../electron/core/db/openDatabase';
import { WalCheckpointer } from '../../electron/core/db/WalCheckpointer';
import { ConversationStore } from '../../electron/core/store/ConversationStore';
import { MessageStore } from '../../electron/core/store/MessageStore';
import { StreamEngine, type StreamEngineOptions } from '../../electron/core/stream/StreamEngine';

/**
 * A real library file on disk, opened exactly as the app opens it (WAL,
 * synchronous=NORMAL, migrations, checkpoints on a worker thread), in a fresh temp
 * dir removed by `cleanup`.
 */
export interface BenchDb {
  dir: string;
  /**
   * The bench's OWN library connection (no SpoolCore is involved): engine benchmarks drive
   * the core's parts on it and measure raw SQLite on it; never a core's connection.
   */
  ownSqlite: Database;
  messages: MessageStore;
  newMessage(): string;
  engine(options?: Partial<StreamEngineOptions>): StreamEngine;
  cleanup(): void;
}

/**
 * 'worker': as the app runs (WalCheckpointer). 'sqlite-auto': SQLite's automatic
 * checkpoint inside the commit every 1000 pages, the baseline it replaced.
 */
export type CheckpointMode = 'worker' | 'sqlite-auto';

export function benchDb(options: { checkpointMode?: CheckpointMode } = {}): BenchDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-'));
  const { db } = openDatabase({ file: path.join(dir, 'spool.db') });
  const checkpointer =
    (options.checkpointMode ?? 'worker') === 'worker' ? WalCheckpointer.start(db, { log: () => {} }) : null;
  const conversations = new ConversationStore(db, { now: Date.now }, idGen('c'));
  const messages = new MessageStore(db, { now: Date.now }, idGen('m'));
  const conversationId = conversations.create('bench').id;
  const engines: StreamEngine[] = [];
  return {
    dir,
    ownSqlite: db,
    messages,
    newMessage: () => messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id,
    engine(options = {}) {
      const engine = new StreamEngine({
        db,
        owner: 'bench',
        newId: idGen('s'),
        onInternalError: (err, where) => {
          throw new Error(`internal error in ${where}: ${String(err)}`);
        },
        ...options,
      });
      engines.push(engine);
      return engine;
    },
    cleanup() {
      for (const e of engines) e.close();
      checkpointer?.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function idGen(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** A 20-byte text delta (ASCII, so 20 UTF-8 bytes), varying so nothing compresses specially. */
export function delta20(i: number): Chunk {
  return { type: 'text-delta', id: 't', delta: `tok${String(i % 1e8).padStart(8, '0')} lorem ip` };
}

/** Resolves when a durable subscriber of `streamId` has seen `lastSeq`. */
export function durableUntil(engine: StreamEngine, streamId: string, lastSeq: number): Promise<void> {
  return new Promise((resolve) => {
    const off = engine.subscribe(streamId, -1, (items: ChunkItem[], info) => {
      if (info.durable && items[items.length - 1]!.seq >= lastSeq) {
        off();
        resolve();
      }
    });
  });
}

export function nextTurn(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function round(n: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * A read-only connection of the bench's own to the library a SpoolCore has open, for
 * figures no API call reports (a reply's token count as the model gave it, whether a
 * stream was packed). WAL lets it read beside the core; it never writes.
 */
export function ownReader(dataDir: string): Database {
  const reader = new BetterSqlite3(path.join(dataDir, 'spool.db'), { readonly: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}

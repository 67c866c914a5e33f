import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Chunk, ChunkItem } from '../../../shared/chunks';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import type { Clock } from '../../../electron/core/deps';
import { ConversationStore } from '../../../electron/core/store/ConversationStore';
import { MessageStore } from '../../../electron/core/store/MessageStore';
import { StreamEngine, type StreamEngineOptions } from '../../../electron/core/stream/StreamEngine';
import { makeTempDir } from '../../helpers/tempDir';

/** A clock tests move by hand. */
export function manualClock(
  start = 1_700_000_000_000,
): Clock & { advance(ms: number): void; set(t: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => void (t += ms),
    set: (v) => void (t = v),
  };
}

export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

export interface TestDb {
  dir: string;
  file: string;
  db: Database;
  clock: ReturnType<typeof manualClock>;
  messages: MessageStore;
  conversations: ConversationStore;
  /** A conversation with one assistant message; returns the message id. */
  newMessage(): string;
  cleanup(): void;
}

const opened: TestDb[] = [];
const closers: (() => void)[] = [];

/** Registers something to stop before the databases close (engines, writers, extra connections). */
export function onCleanup(fn: () => void): void {
  closers.push(fn);
}

/** A real SQLite file in a fresh temp dir, migrated, with WAL auto-checkpoint off (to count commits). */
export function tempDb(): TestDb {
  const dir = makeTempDir('spool-stream-').dir;
  const file = path.join(dir, 'spool.db');
  const clock = manualClock();
  const { db } = openDatabase({ file, now: clock.now });
  db.pragma('wal_autocheckpoint = 0');
  const newId = sequentialIds('m');
  const conversations = new ConversationStore(db, clock, sequentialIds('c'));
  const messages = new MessageStore(db, clock, newId);
  let conversationId: string | null = null;
  const t: TestDb = {
    dir,
    file,
    db,
    clock,
    messages,
    conversations,
    newMessage() {
      conversationId ??= conversations.create('test').id;
      return messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
    },
    cleanup() {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  opened.push(t);
  return t;
}

export function cleanupAll(): void {
  for (const fn of closers.splice(0).reverse()) fn();
  for (const t of opened.splice(0)) t.cleanup();
}

/**
 * An engine on `t`. These specs count commits per turn, so the adaptive commit window
 * is off (commitWindowMs 0: every turn) unless a test asks for one.
 */
export function newEngine(t: TestDb, options: Partial<StreamEngineOptions> = {}): StreamEngine {
  const engine = new StreamEngine({
    db: t.db,
    commitWindowMs: 0,
    owner: 'instance-A',
    clock: t.clock,
    newId: sequentialIds('s'),
    onInternalError: (err, where) => {
      throw new Error(`unexpected internal error in ${where}: ${String(err)}`);
    },
    ...options,
  });
  onCleanup(() => engine.close());
  return engine;
}

export function delta(text: string, id = 't1'): Chunk {
  return { type: 'text-delta', id, delta: text };
}

export function nextTurn(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/** Records what a subscriber receives. */
export function collector(): {
  items: ChunkItem[];
  seqs: () => number[];
  onBatch: (items: ChunkItem[]) => void;
} {
  const items: ChunkItem[] = [];
  return { items, seqs: () => items.map((i) => i.seq), onBatch: (batch) => void items.push(...batch) };
}

export function range(from: number, toExclusive: number): number[] {
  return Array.from({ length: Math.max(0, toExclusive - from) }, (_, i) => from + i);
}

export function loggedSeqs(db: Database, streamId: string): number[] {
  return db
    .prepare<[string], number>('SELECT DISTINCT seq FROM chunks WHERE stream_id = ? ORDER BY seq')
    .pluck()
    .all(streamId);
}

/**
 * Commits in the WAL file: frames whose header carries a "database size after commit"
 * and the current salts. With auto-checkpoint off the WAL only grows, so the count
 * before and after an action is how many transactions it committed.
 */
export function walCommits(file: string): number {
  const wal = fs.readFileSync(`${file}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let commits = 0;
  for (let off = 32; off + 24 + pageSize <= wal.length; off += 24 + pageSize) {
    if (wal.readUInt32BE(off + 8) !== salt1 || wal.readUInt32BE(off + 12) !== salt2) break;
    if (wal.readUInt32BE(off + 4) !== 0) commits++;
  }
  return commits;
}

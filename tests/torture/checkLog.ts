/**
 * What must hold after a SIGKILL and a recovery run (DESIGN.md §3.3, §3.7, §3.8;
 * issue 13), for EVERY version in the database, not only the ones the last writer
 * touched: the file is intact; every stream's seqs run from 0 without a gap; every
 * seq any writer reported as published is still in the log; each stream ended as its
 * log says (a terminal chunk, else 'interrupted'), and nothing is left 'streaming';
 * each message's text equals the concatenated text deltas of all its streams in
 * start order (a reply, then each Continue), its snapshot_seq, stream and status are
 * its latest stream's; and the tree holds (checkTree.ts). The log is read with plain
 * SQL here, not with the engine's reader, so the check does not trust the code under
 * test.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { databasePath } from '../../electron/core/paths';
import { checkTree, type TreeExpectations, type TreeRow } from './checkTree';
import type { Published } from './killCycle';
import { readLogs, type StreamLog } from './readLogs';

export interface CheckInput extends TreeExpectations {
  /** The writer just killed: its streams left 'interrupted' are counted. */
  instanceId: string;
  /** Every seq any writer reported as published, across all kills so far. */
  published: Published;
}

export interface CycleCheck {
  integrityFailures: number;
  gaps: number;
  publishedButLost: number;
  snapshotMismatches: number;
  statusMismatches: number;
  treeFaults: number;
  shownBranchLost: number;
  versionsLost: number;
  /** In the whole database: every one of them was checked. */
  streams: number;
  chunks: number;
  messages: number;
  /** Streams of the killed writer that recovery (or nobody) left 'interrupted'. */
  interrupted: number;
  /** Streams whose log was (partly) read from compacted blocks. */
  compacted: number;
  /** Every message id now in the database (the next check's `known`). */
  messageIds: string[];
  /** One line per failure, for the report (at most a few dozen). */
  problems: string[];
}

interface StreamRow {
  id: string;
  message_id: string;
  status: string;
  last_seq: number;
  owner: string | null;
}

interface MessageRow extends TreeRow {
  status: string;
  parts: string;
  snapshot_seq: number;
  stream_id: string | null;
}

const END_STATUS: Record<string, string> = { finish: 'complete', abort: 'cancelled', error: 'error' };

export function checkAfterRecovery(dataDir: string, input: CheckInput): CycleCheck {
  const db = new BetterSqlite3(databasePath(dataDir), { readonly: true });
  const out: CycleCheck = {
    integrityFailures: 0,
    gaps: 0,
    publishedButLost: 0,
    snapshotMismatches: 0,
    statusMismatches: 0,
    treeFaults: 0,
    shownBranchLost: 0,
    versionsLost: 0,
    streams: 0,
    chunks: 0,
    messages: 0,
    interrupted: 0,
    compacted: 0,
    messageIds: [],
    problems: [],
  };
  const problem = (text: string) => {
    if (out.problems.length < 40) out.problems.push(text);
  };
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      out.integrityFailures++;
      problem(`integrity_check: ${String(integrity)}`);
    }
    // One read transaction: every query below sees the same database.
    db.transaction(() => checkContents(db, input, out, problem))();
  } finally {
    db.close();
  }
  return out;
}

function checkContents(db: Database, input: CheckInput, out: CycleCheck, problem: (t: string) => void) {
  for (const table of ['streams', 'messages'] as const) {
    const left = db.prepare(`SELECT count(*) FROM ${table} WHERE status = 'streaming'`).pluck().get();
    if (left !== 0) {
      out.statusMismatches++;
      problem(`${String(left)} row(s) of ${table} still 'streaming' after recovery`);
    }
  }
  const messages = db
    .prepare<[], MessageRow>(
      `SELECT id, conversation_id, parent_id, selected_at, deleted_at, status, parts, snapshot_seq, stream_id
       FROM messages ORDER BY created_at, rowid`,
    )
    .all();
  const streams = db
    .prepare<[], StreamRow>(
      'SELECT id, message_id, status, last_seq, owner FROM streams ORDER BY started_at, rowid',
    )
    .all();
  const logs = readLogs(db);
  const streamsOf = new Map<string, StreamRow[]>();
  for (const s of streams) {
    let list = streamsOf.get(s.message_id);
    if (!list) streamsOf.set(s.message_id, (list = []));
    list.push(s);
    checkStream(s, logs.get(s.id) ?? EMPTY_LOG, input, out, problem);
  }
  const streamIds = new Set(streams.map((s) => s.id));
  for (const [streamId, seqs] of input.published) {
    if (streamIds.has(streamId)) continue;
    out.publishedButLost += seqs.size;
    problem(`stream ${streamId}: ${seqs.size} published seq(s) but the stream is not in the database`);
  }
  for (const m of messages) {
    const own = streamsOf.get(m.id);
    if (own) checkMessage(m, own, logs, out, problem);
  }
  const conversationIds = new Set(db.prepare<[], string>('SELECT id FROM conversations').pluck().all());
  const tree = checkTree(messages, conversationIds, input, problem);
  out.treeFaults += tree.treeFaults;
  out.shownBranchLost += tree.shownBranchLost;
  out.versionsLost += tree.versionsLost;
  out.messages = messages.length;
  out.messageIds = messages.map((m) => m.id);
}

const EMPTY_LOG: StreamLog = {
  text: '',
  maxSeq: -1,
  count: 0,
  terminal: null,
  gap: null,
  seqs: null,
  fromBlocks: 0,
};

function checkStream(
  s: StreamRow,
  log: StreamLog,
  input: CheckInput,
  out: CycleCheck,
  problem: (t: string) => void,
) {
  out.streams++;
  out.chunks += log.count;
  if (log.fromBlocks > 0) out.compacted++;
  if (log.gap) {
    out.gaps++;
    problem(`stream ${s.id}: ${log.gap}`);
  } else if (s.last_seq !== log.maxSeq) {
    out.gaps++;
    problem(`stream ${s.id}: last_seq ${s.last_seq} but the log ends at seq ${log.maxSeq}`);
  }
  for (const seq of input.published.get(s.id) ?? []) {
    // Without a gap the log holds exactly seqs 0..maxSeq.
    const logged = log.seqs ? log.seqs.has(seq) : seq <= log.maxSeq;
    if (!logged) {
      out.publishedButLost++;
      problem(`stream ${s.id}: seq ${seq} was published but is not in the log`);
    }
  }
  if (s.owner === input.instanceId && s.status === 'interrupted') out.interrupted++;
  const expected = endOf(log);
  if (s.status !== expected) {
    out.statusMismatches++;
    problem(`stream ${s.id}: status ${s.status}, its log says ${expected}`);
  }
}

/** A message with streams: the fold of all of them, in start order, ending as the latest one. */
function checkMessage(
  m: MessageRow,
  own: readonly StreamRow[],
  logs: ReadonlyMap<string, StreamLog>,
  out: CycleCheck,
  problem: (t: string) => void,
) {
  const latest = own.at(-1)!;
  const latestLog = logs.get(latest.id) ?? EMPTY_LOG;
  const text = own.map((s) => logs.get(s.id)?.text ?? '').join('');
  const snapshot = partsText(m.parts);
  if (snapshot !== text || m.snapshot_seq !== latestLog.maxSeq || m.stream_id !== latest.id) {
    out.snapshotMismatches++;
    problem(
      `message ${m.id}: snapshot (${snapshot.length} chars, seq ${m.snapshot_seq}, stream ${m.stream_id}) ≠ its ${own.length} stream(s)' log (${text.length} chars, seq ${latestLog.maxSeq}, stream ${latest.id})`,
    );
  }
  const expected = endOf(latestLog);
  if (m.status !== expected) {
    out.statusMismatches++;
    problem(`message ${m.id}: status ${m.status}, its latest stream's log says ${expected}`);
  }
}

function endOf(log: StreamLog): string {
  return log.terminal ? (END_STATUS[log.terminal] ?? 'interrupted') : 'interrupted';
}

function partsText(parts: string): string {
  return (JSON.parse(parts) as { type: string; text?: string }[])
    .map((p) => (p.type === 'text' ? (p.text ?? '') : ''))
    .join('');
}

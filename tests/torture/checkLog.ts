/**
 * What must hold after a SIGKILL and a recovery run (DESIGN.md §3.3, §3.7, §3.8):
 * the file is intact, every stream's seqs run from 0 without a gap, every seq the
 * child reported as published is in the log, each message's text equals the
 * concatenation of its logged text deltas, and each stream ended as its log says
 * (a terminal chunk, or 'interrupted' when the reader was lost), and no stream or
 * message is left 'streaming'. The log is read
 * with plain SQL here, not with the engine's reader, so the check does not trust
 * the code under test.
 */
import BetterSqlite3 from 'better-sqlite3';
import { databasePath } from '../../electron/core/paths';
import type { Published } from './killCycle';

export interface CycleCheck {
  integrityFailures: number;
  gaps: number;
  publishedButLost: number;
  snapshotMismatches: number;
  statusMismatches: number;
  streams: number;
  chunks: number;
  /** Streams of this cycle that recovery (or nobody) left 'interrupted'. */
  interrupted: number;
  /** One line per failure, for the report (at most a few dozen). */
  problems: string[];
}

interface StreamRow {
  id: string;
  status: string;
  last_seq: number;
  message_id: string;
  m_status: string;
  m_parts: string;
  m_snapshot_seq: number;
}

const END_STATUS: Record<string, string> = { finish: 'complete', abort: 'cancelled', error: 'error' };

export function checkAfterRecovery(dataDir: string, instanceId: string, published: Published): CycleCheck {
  const db = new BetterSqlite3(databasePath(dataDir), { readonly: true });
  const out: CycleCheck = {
    integrityFailures: 0,
    gaps: 0,
    publishedButLost: 0,
    snapshotMismatches: 0,
    statusMismatches: 0,
    streams: 0,
    chunks: 0,
    interrupted: 0,
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
    const stillStreaming = db
      .prepare("SELECT count(*) FROM streams WHERE status = 'streaming'")
      .pluck()
      .get();
    if (stillStreaming !== 0) {
      out.statusMismatches++;
      problem(`${String(stillStreaming)} stream(s) still 'streaming' after recovery`);
    }
    // A message can be left 'streaming' without a stream too (killed between creating
    // it and starting its stream); recovery must end those as well.
    const messagesStreaming = db
      .prepare("SELECT count(*) FROM messages WHERE status = 'streaming'")
      .pluck()
      .get();
    if (messagesStreaming !== 0) {
      out.statusMismatches++;
      problem(`${String(messagesStreaming)} message(s) still 'streaming' after recovery`);
    }
    const streams = db
      .prepare<[string], StreamRow>(
        `SELECT s.id, s.status, s.last_seq, s.message_id, m.status AS m_status, m.parts AS m_parts,
                m.snapshot_seq AS m_snapshot_seq
         FROM streams s JOIN messages m ON m.id = s.message_id WHERE s.owner = ?`,
      )
      .all(instanceId);
    const rowsOf = db
      .prepare<[string], [number, number, string]>(
        'SELECT seq, part, payload FROM chunks WHERE stream_id = ? ORDER BY seq, part',
      )
      .raw(true);
    const seen = new Set<string>();
    for (const s of streams) {
      seen.add(s.id);
      out.streams++;
      const log = readLog(rowsOf.all(s.id));
      out.chunks += log.chunks.length;
      if (log.gap) {
        out.gaps++;
        problem(`stream ${s.id}: ${log.gap}`);
      }
      const maxSeq = log.chunks.length - 1;
      if (!log.gap && s.last_seq !== maxSeq) {
        out.gaps++;
        problem(`stream ${s.id}: last_seq ${s.last_seq} but the log ends at seq ${maxSeq}`);
      }
      const logged = new Set(log.chunks.map((c) => c.seq));
      for (const seq of published.get(s.id) ?? []) {
        if (!logged.has(seq)) {
          out.publishedButLost++;
          problem(`stream ${s.id}: seq ${seq} was published but is not in the log`);
        }
      }
      const text = log.chunks.map((c) => (c.type === 'text-delta' ? c.delta : '')).join('');
      const snapshot = partsText(s.m_parts);
      if (snapshot !== text || s.m_snapshot_seq !== maxSeq) {
        out.snapshotMismatches++;
        problem(
          `message ${s.message_id}: snapshot (${snapshot.length} chars, seq ${s.m_snapshot_seq}) ≠ log (${text.length} chars, seq ${maxSeq})`,
        );
      }
      if (s.status === 'interrupted') out.interrupted++;
      const terminal = log.chunks.find((c) => c.type in END_STATUS);
      const expected = terminal ? END_STATUS[terminal.type]! : 'interrupted';
      if (s.status !== expected || s.m_status !== expected) {
        out.statusMismatches++;
        problem(`stream ${s.id}: status ${s.status}, message ${s.m_status}, log says ${expected}`);
      }
    }
    for (const [streamId, seqs] of published) {
      if (seen.has(streamId)) continue;
      out.publishedButLost += seqs.size;
      problem(`stream ${streamId}: ${seqs.size} published seq(s) but the stream is not in the database`);
    }
  } finally {
    db.close();
  }
  return out;
}

interface LoggedChunk {
  seq: number;
  type: string;
  delta?: string;
}

/** Rejoins continuation rows; reports the first hole in seqs or parts. */
function readLog(rows: [number, number, string][]): { chunks: LoggedChunk[]; gap: string | null } {
  const chunks: LoggedChunk[] = [];
  let gap: string | null = null;
  let payload = '';
  let seq = -1;
  let part = -1;
  const close = () => {
    if (seq < 0) return;
    try {
      chunks.push({ seq, ...(JSON.parse(payload) as { type: string; delta?: string }) });
    } catch {
      gap ??= `seq ${seq} does not rejoin to valid JSON`;
      chunks.push({ seq, type: 'unreadable' });
    }
  };
  for (const [s, p, text] of rows) {
    if (s === seq) {
      if (p !== part + 1) gap ??= `seq ${s}: part ${p} follows part ${part}`;
      part = p;
      payload += text;
      continue;
    }
    close();
    if (s !== seq + 1) gap ??= `seq ${s} follows seq ${seq}`;
    if (p !== 0) gap ??= `seq ${s} starts at part ${p}`;
    seq = s;
    part = p;
    payload = text;
  }
  close();
  return { chunks, gap };
}

function partsText(parts: string): string {
  return (JSON.parse(parts) as { type: string; text?: string }[])
    .map((p) => (p.type === 'text' ? (p.text ?? '') : ''))
    .join('');
}

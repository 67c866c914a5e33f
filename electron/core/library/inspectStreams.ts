import type { Database } from 'better-sqlite3';
import type {
  Arrival,
  CommitBatches,
  HistoryEvent,
  StreamInspection,
} from '../../../shared/api/schemas/inspector';
import { MessageError } from '../../../shared/api/schemas/messages';
import type { RecordedBatches } from './CommitRecorder';
import { iterateStored } from '../stream/chunkRows';
import { streamQueries, type InspectedStreamRow as StreamRow } from '../stream/streamQueries';
import { sentRequest } from './sentRequest';

export const STALL_THRESHOLD_MS = 2_000;
export const MAX_ARRIVALS = 2_000;

const CONTENT = new Set(['text-delta', 'reasoning-delta', 'tool-input-start', 'tool-input-delta']);
const TOKENS = new Set(['text-delta', 'reasoning-delta']);

/** One logged chunk, continuation rows of a split chunk summed into it. */
interface ChunkRow {
  seq: number;
  t_ms: number;
  type: string;
  bytes: number;
}

export interface InspectDeps {
  db: Database;
  now(): number;
  recordedBatches(streamId: string): RecordedBatches | undefined;
}

/**
 * What every stream of a message did, read from the chunk log (committed chunks only:
 * what a crash would have kept) and the streams rows: timings, rates, stalls, arrivals
 * for the chart, and the status history across the message's streams.
 */
export function inspectMessage(deps: InspectDeps, messageId: string) {
  const streams = streamQueries(deps.db).ofMessage(messageId);
  return {
    messageId,
    streams: streams.map((s) => inspectStream(deps, s, chunksOf(deps.db, s.id))),
    history: statusHistory(streams),
  };
}

/** Through the chunk reader: a compacted stream's chunks are in blocks, not rows. */
function chunksOf(db: Database, streamId: string): ChunkRow[] {
  const rows: ChunkRow[] = [];
  for (const c of iterateStored(db, streamId)) {
    rows.push({ seq: c.seq, t_ms: c.tMs, type: c.type, bytes: Buffer.byteLength(c.payload, 'utf8') });
  }
  return rows;
}

function inspectStream(deps: InspectDeps, s: StreamRow, rows: ChunkRow[]): StreamInspection {
  const said = rows.filter((r) => r.type !== 'raw');
  const firstContent = said.find((r) => CONTENT.has(r.type)) ?? null;
  const last = said.at(-1) ?? null;
  const durationMs = Math.max(0, (s.ended_at ?? deps.now()) - s.started_at);
  const generationMs = firstContent && last ? last.t_ms - firstContent.t_ms : 0;
  const fromFirst = firstContent ? said.filter((r) => r.seq >= firstContent.seq) : [];
  const perSec = (n: number) => (generationMs > 0 ? round1((n / generationMs) * 1000) : null);
  return {
    streamId: s.id,
    status: s.status,
    error: parseError(s.error),
    provider: s.provider,
    model: s.model,
    startedAt: s.started_at,
    endedAt: s.ended_at,
    chunks: said.length,
    rawEvents: rows.length - said.length,
    bytes: said.reduce((sum, r) => sum + r.bytes, 0),
    timeToFirstChunkMs: firstContent?.t_ms ?? null,
    durationMs,
    chunksPerSec: perSec(fromFirst.length),
    tokensPerSec: perSec(fromFirst.filter((r) => TOKENS.has(r.type)).length),
    arrivals: downsample(
      said.map((r, i) => ({ tMs: r.t_ms, seq: r.seq, n: i + 1, bytes: r.bytes, type: r.type })),
    ),
    stalls: stallsOf(said),
    stallThresholdMs: STALL_THRESHOLD_MS,
    commitBatches: batchesOf(deps.recordedBatches(s.id), said),
    sent: sentRequest(s.request),
  };
}

/** Gaps between consecutive chunks longer than the threshold (the wait for the first one is not a stall). */
function stallsOf(rows: ChunkRow[]): { fromMs: number; toMs: number }[] {
  const stalls = [];
  for (let i = 1; i < rows.length; i++) {
    const gap = rows[i]!.t_ms - rows[i - 1]!.t_ms;
    if (gap > STALL_THRESHOLD_MS) stalls.push({ fromMs: rows[i - 1]!.t_ms, toMs: rows[i]!.t_ms });
  }
  return stalls;
}

/** Chunks of one commit share their arrival millisecond: runs of equal t_ms approximate the batches. */
function batchesOf(recorded: RecordedBatches | undefined, rows: ChunkRow[]): CommitBatches {
  if (recorded) return { source: 'recorded', ...recorded };
  let count = 0;
  let largest = 0;
  let run = 0;
  rows.forEach((r, i) => {
    if (i === 0 || r.t_ms !== rows[i - 1]!.t_ms) {
      count++;
      run = 0;
    }
    largest = Math.max(largest, ++run);
  });
  return { source: 'inferred', count, largest };
}

/** At most MAX_ARRIVALS points, evenly spread, the first and last always kept. */
export function downsample(points: Arrival[], max = MAX_ARRIVALS): Arrival[] {
  if (points.length <= max) return points;
  const out: Arrival[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

/** started → (stopped | interrupted | failed | finished), then continued → … for each later stream. */
export function statusHistory(streams: StreamRow[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  streams.forEach((s, i) => {
    events.push({ kind: i === 0 ? 'started' : 'continued', at: s.started_at, streamId: s.id });
    const at = s.ended_at ?? s.started_at;
    switch (s.status) {
      case 'streaming':
        events.push({ kind: 'streaming', at: s.started_at, streamId: s.id });
        break;
      case 'complete':
        events.push({ kind: 'finished', at, streamId: s.id });
        break;
      case 'cancelled':
        events.push({ kind: 'stopped', at, streamId: s.id });
        break;
      case 'interrupted':
        events.push({ kind: 'interrupted', at, streamId: s.id });
        break;
      case 'error': {
        const detail = parseError(s.error)?.message;
        events.push({ kind: 'failed', at, streamId: s.id, ...(detail ? { detail } : {}) });
        break;
      }
    }
  });
  return events;
}

function parseError(text: string | null): MessageError | null {
  if (!text) return null;
  try {
    const parsed = MessageError.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

import type { MessageError, MessageStatus } from '../../../shared/api/schemas/messages';
import type { ExportSource, StreamMeta } from './source';

/** What `spool inspect` shows of one stream: its size, its timing, its life. */
export interface StreamStats {
  streamId: string;
  provider: string | null;
  providerName: string | null;
  model: string | null;
  status: MessageStatus;
  error: MessageError | null;
  chunks: number;
  /** UTF-8 bytes of the chunks as logged (their JSON payloads, split rows rejoined). */
  bytes: number;
  /** Chunks per type, e.g. { 'text-delta': 120, raw: 124 }. */
  byType: Record<string, number>;
  /** Bytes of text the reply received (the text deltas). */
  textBytes: number;
  /** From the stream's start to its first chunk, and to its first content chunk (text, reasoning, tool). */
  firstChunkMs: number | null;
  firstContentMs: number | null;
  /** From start to end (or to the last chunk while it has not ended). */
  durationMs: number | null;
  chunksPerSecond: number | null;
  /** Chunks held only in memory (storage failing). */
  unsavedChunks: number;
  /** Each status the stream had, with when it began (epoch ms). */
  history: { status: MessageStatus; at: number }[];
  startedAt: number;
  endedAt: number | null;
}

const CONTENT = new Set([
  'text-delta',
  'reasoning-delta',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-available',
]);

export function streamStats(source: ExportSource, stream: StreamMeta): StreamStats {
  let chunks = 0;
  let bytes = 0;
  let textBytes = 0;
  let unsavedChunks = 0;
  let firstChunkMs: number | null = null;
  let firstContentMs: number | null = null;
  let lastMs: number | null = null;
  const byType: Record<string, number> = {};
  for (const c of source.chunksOf([stream])) {
    chunks++;
    bytes += Buffer.byteLength(JSON.stringify(c.chunk), 'utf8');
    if (c.chunk.type === 'text-delta') textBytes += Buffer.byteLength(c.chunk.delta, 'utf8');
    byType[c.chunk.type] = (byType[c.chunk.type] ?? 0) + 1;
    if (c.unsaved) unsavedChunks++;
    firstChunkMs ??= c.tMs;
    if (firstContentMs === null && CONTENT.has(c.chunk.type)) firstContentMs = c.tMs;
    lastMs = c.tMs;
  }
  const durationMs = stream.endedAt !== null ? stream.endedAt - stream.startedAt : lastMs;
  const history: StreamStats['history'] = [{ status: 'streaming', at: stream.startedAt }];
  if (stream.status !== 'streaming')
    history.push({ status: stream.status, at: stream.endedAt ?? stream.startedAt });
  return {
    streamId: stream.id,
    provider: stream.provider,
    providerName: stream.providerName,
    model: stream.model,
    status: stream.status,
    error: stream.error,
    chunks,
    bytes,
    byType,
    textBytes,
    firstChunkMs,
    firstContentMs,
    durationMs,
    chunksPerSecond: durationMs && durationMs > 0 ? Math.round((chunks / durationMs) * 1000 * 10) / 10 : null,
    unsavedChunks,
    history,
    startedAt: stream.startedAt,
    endedAt: stream.endedAt,
  };
}

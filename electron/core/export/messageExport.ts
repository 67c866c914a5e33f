import type { MessageExportFormat } from '../../../shared/api/schemas/export';
import { messageDocument } from './markdown';
import type { ExportSink } from './sink';
import type { ExportChunk, ExportSource, StreamMeta } from './source';
import { layoutOf } from './versions';

export type Progress = (p: { done: number; total: number }) => void;

export interface ExportOutcome {
  /** Part of it existed only in memory (storage failing); `warning` says so. */
  incomplete: boolean;
  warning: string | null;
}

/** One line of the `jsonl` format: a chunk of the log, split rows rejoined, raw included. */
export interface ChunkLine {
  stream_id: string;
  seq: number;
  t_ms: number;
  type: string;
  payload: unknown;
  /** Present (true) only for chunks exported from memory, not yet in the log. */
  unsaved?: true;
}

export function chunkLine(c: ExportChunk): string {
  const line: ChunkLine = {
    stream_id: c.streamId,
    seq: c.seq,
    t_ms: c.tMs,
    type: c.chunk.type,
    payload: c.chunk,
  };
  if (c.unsaved) line.unsaved = true;
  return JSON.stringify(line) + '\n';
}

/** Total chunks of the message's streams (for progress): the log plus the in-memory tail. */
function chunkTotal(source: ExportSource, streams: readonly StreamMeta[]): number {
  let n = 0;
  for (const s of streams) n += s.lastSeq + 1;
  return n + source.unsavedChunkCount(streams);
}

/**
 * Writes one message in a per-message format:
 * - text: the concatenation of its text deltas across all its streams, nothing else
 *   (byte-exact, so no warning line inside: the caller reports `warning`);
 * - jsonl: every chunk as `{stream_id, seq, t_ms, type, payload, unsaved?}`;
 * - raw: the provider events as received (`raw` chunks' values), one JSON per line;
 * - md: Markdown with reasoning and tool calls, and the warning as a quote.
 */
export async function writeMessage(
  source: ExportSource,
  messageId: string,
  format: MessageExportFormat,
  sink: ExportSink,
  onProgress: Progress = () => {},
): Promise<ExportOutcome> {
  const message = source.message(messageId);
  const streams = source.streamsOf(messageId);
  source.assertHasChunkLog(message, streams, format);
  const warning = source.incompleteWarning(message, streams);
  const outcome = { incomplete: warning !== null, warning };

  if (format === 'md') {
    const view = warning ? source.foldParts(message, streams) : message;
    const layout = layoutOf(source.messagesOf(message.conversationId));
    const version = { ...layout.version(message.id), shown: layout.isShown(message.id) };
    await sink.write(messageDocument(view, streams, warning, version));
    onProgress({ done: 1, total: 1 });
    return outcome;
  }

  const total = chunkTotal(source, streams);
  let done = 0;
  const noStreams = streams.length === 0;
  if (format === 'text' && noStreams) {
    // A message typed by the user (no stream): its text is its parts' text.
    for (const part of message.parts) if (part.type === 'text') await sink.write(part.text);
  }
  for (const c of source.chunksOf(streams)) {
    done++;
    if (format === 'text') {
      if (c.chunk.type === 'text-delta') await sink.write(c.chunk.delta);
    } else if (format === 'raw') {
      if (c.chunk.type === 'raw') await sink.write(JSON.stringify(c.chunk.value ?? null) + '\n');
    } else {
      await sink.write(chunkLine(c));
    }
    if ((done & 1023) === 0) onProgress({ done, total: Math.max(total, done) });
  }
  onProgress({ done, total: Math.max(total, done) });
  return outcome;
}

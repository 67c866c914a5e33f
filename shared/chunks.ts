import { z } from 'zod';
import { Usage } from './usage';

/**
 * The canonical chunk vocabulary (DESIGN.md §4): the AI SDK's UI message stream
 * parts, normalised in core/ from whatever the provider sent, plus `raw` chunks
 * holding each provider event as received (logged for export, never pushed to a
 * window).
 */
const id = z.string();
export const Chunk = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), messageId: z.string().optional() }),
  z.object({ type: z.literal('text-start'), id }),
  z.object({ type: z.literal('text-delta'), id, delta: z.string() }),
  z.object({ type: z.literal('text-end'), id }),
  z.object({ type: z.literal('reasoning-start'), id }),
  z.object({ type: z.literal('reasoning-delta'), id, delta: z.string() }),
  z.object({ type: z.literal('reasoning-end'), id }),
  z.object({ type: z.literal('tool-input-start'), toolCallId: z.string(), toolName: z.string() }),
  z.object({ type: z.literal('tool-input-delta'), toolCallId: z.string(), inputTextDelta: z.string() }),
  z.object({
    type: z.literal('tool-input-available'),
    toolCallId: z.string(),
    toolName: z.string(),
    input: z.unknown(),
  }),
  z.object({ type: z.literal('tool-output-available'), toolCallId: z.string(), output: z.unknown() }),
  z.object({ type: z.literal('tool-output-error'), toolCallId: z.string(), errorText: z.string() }),
  z.object({ type: z.literal('start-step') }),
  z.object({ type: z.literal('finish-step') }),
  /** `usage`: the provider's token counts for the whole reply, when it gave them. */
  z.object({ type: z.literal('finish'), finishReason: z.string().optional(), usage: Usage.optional() }),
  z.object({ type: z.literal('error'), errorText: z.string(), code: z.string().optional() }),
  z.object({ type: z.literal('abort'), reason: z.string().optional() }),
  z.object({ type: z.literal('raw'), value: z.unknown() }),
]);
export type Chunk = z.infer<typeof Chunk>;
export type ChunkType = Chunk['type'];

/** Chunks that end a stream: after one of these, nothing more is appended. */
export const TERMINAL_CHUNK_TYPES: ReadonlySet<ChunkType> = new Set(['finish', 'error', 'abort']);

/** Chunks the debounced writer flushes at once instead of waiting (DESIGN.md §3.6). */
export const FLUSH_NOW_CHUNK_TYPES: ReadonlySet<ChunkType> = new Set([
  'finish',
  'error',
  'abort',
  'tool-input-available',
  'tool-output-available',
  'tool-output-error',
  'reasoning-end',
]);

/** One logged chunk as it travels to subscribers. */
export interface ChunkItem {
  streamId: string;
  seq: number;
  chunk: Chunk;
}

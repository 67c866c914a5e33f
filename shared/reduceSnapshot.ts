/**
 * The snapshots shared/reduce.ts returns, with where their open parts are (the cursor)
 * held in a private field, so the next chunk finds its part in O(1).
 */
import type { MessageError, MessagePart, MessageStatus } from './api/schemas/messages';

export interface MessageSnapshot {
  parts: MessagePart[];
  status: MessageStatus;
  error: MessageError | null;
}

/** Where a snapshot's open parts are. Never mutated once attached to a snapshot. */
export interface Cursor {
  readonly text: Map<string, number>;
  readonly reasoning: Map<string, number>;
  /** toolCallId → index of its latest part. */
  readonly tools: Map<string, number>;
  /** Index of the last step-start part, -1 if none. */
  readonly stepStart: number;
}

/**
 * The snapshots this module returns: plain data to every reader (JSON, structuredClone
 * and toEqual see only parts/status/error), carrying their cursor in a private field.
 * A WeakMap side table cost ~2.5x more per chunk (ephemeron GC at 1M snapshots).
 */
export class ReducedSnapshot implements MessageSnapshot {
  readonly #cursor: Cursor;
  constructor(
    public parts: MessagePart[],
    public status: MessageStatus,
    public error: MessageError | null,
    cursor: Cursor,
  ) {
    this.#cursor = cursor;
  }
  static cursor(s: MessageSnapshot): Cursor | undefined {
    return #cursor in s ? (s as ReducedSnapshot).#cursor : undefined;
  }
}

/** A snapshot that did not come from this module (stored, sent over IPC) gets its cursor rebuilt. */
export function cursorOf(s: MessageSnapshot): Cursor {
  const known = ReducedSnapshot.cursor(s);
  if (known) return known;
  const tools = new Map<string, number>();
  let stepStart = -1;
  s.parts.forEach((p, i) => {
    if (p.type === 'dynamic-tool') tools.set(p.toolCallId, i);
    else if (p.type === 'step-start') stepStart = i;
  });
  return { text: new Map(), reasoning: new Map(), tools, stepStart };
}

/** What each chunk type does to a message snapshot (DESIGN.md §4). */
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../shared/chunks';
import { applyChunk, applyChunks, emptySnapshot, type MessageSnapshot } from '../../../shared/reduce';

const fold = (chunks: Chunk[], from: MessageSnapshot = emptySnapshot()): MessageSnapshot =>
  applyChunks(from, chunks);

describe('text and reasoning chunks', () => {
  it('starts an empty streaming text part on text-start', () => {
    expect(fold([{ type: 'text-start', id: 't' }]).parts).toEqual([
      { type: 'text', text: '', state: 'streaming' },
    ]);
  });

  it('appends text-delta to the part with that id and marks it done on text-end', () => {
    const s = fold([
      { type: 'text-start', id: 'a' },
      { type: 'text-start', id: 'b' },
      { type: 'text-delta', id: 'a', delta: 'Hel' },
      { type: 'text-delta', id: 'b', delta: 'other' },
      { type: 'text-delta', id: 'a', delta: 'lo' },
      { type: 'text-end', id: 'a' },
    ]);
    expect(s.parts).toEqual([
      { type: 'text', text: 'Hello', state: 'done' },
      { type: 'text', text: 'other', state: 'streaming' },
    ]);
  });

  it('builds reasoning parts the same way and keeps their id, as the SDK does', () => {
    const s = fold([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'thinking' },
      { type: 'reasoning-end', id: 'r' },
    ]);
    expect(s.parts).toEqual([{ type: 'reasoning', id: 'r', text: 'thinking', state: 'done' }]);
  });

  it('creates the part for a delta whose id was never started instead of throwing', () => {
    expect(fold([{ type: 'text-delta', id: 'ghost', delta: 'boo' }]).parts).toEqual([
      { type: 'text', text: 'boo', state: 'streaming' },
    ]);
  });

  it('ignores an end for an id that was never started', () => {
    const s = fold([
      { type: 'text-start', id: 'a' },
      { type: 'text-end', id: 'a' },
    ]);
    expect(applyChunk(s, { type: 'text-end', id: 'nope' })).toBe(s);
  });

  it('continues the streaming part of a snapshot rebuilt from stored parts', () => {
    const stored: MessageSnapshot = JSON.parse(
      JSON.stringify(
        fold([
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'Hel' },
        ]),
      ),
    );
    expect(fold([{ type: 'text-delta', id: 't', delta: 'lo' }], stored).parts).toEqual([
      { type: 'text', text: 'Hello', state: 'streaming' },
    ]);
  });
});

describe('tool chunks', () => {
  const start: Chunk = { type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' };

  it('opens a dynamic-tool part in input-streaming on tool-input-start', () => {
    expect(fold([start]).parts).toEqual([
      { type: 'dynamic-tool', toolName: 'search', toolCallId: 'c1', state: 'input-streaming' },
    ]);
  });

  it('accumulates tool-input-delta text and shows it parsed as partial JSON', () => {
    const s = fold([
      start,
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"q":"spo' },
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: 'ol","n":1' },
    ]);
    expect(s.parts[0]).toMatchObject({
      state: 'input-streaming',
      rawInput: '{"q":"spool","n":1',
      input: { q: 'spool', n: 1 },
    });
  });

  it('sets the final input on tool-input-available and drops the raw text', () => {
    const s = fold([
      start,
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"q"' },
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search', input: { q: 'x' } },
    ]);
    expect(s.parts).toEqual([
      {
        type: 'dynamic-tool',
        toolName: 'search',
        toolCallId: 'c1',
        state: 'input-available',
        input: { q: 'x' },
      },
    ]);
  });

  it('keeps the input and adds the output on tool-output-available', () => {
    const s = fold([
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search', input: { q: 'x' } },
      { type: 'tool-output-available', toolCallId: 'c1', output: ['hit'] },
    ]);
    expect(s.parts[0]).toEqual({
      type: 'dynamic-tool',
      toolName: 'search',
      toolCallId: 'c1',
      state: 'output-available',
      input: { q: 'x' },
      output: ['hit'],
    });
  });

  it('records the error text on tool-output-error', () => {
    const s = fold([
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'run', input: {} },
      { type: 'tool-output-error', toolCallId: 'c1', errorText: 'denied' },
    ]);
    expect(s.parts[0]).toMatchObject({ state: 'output-error', errorText: 'denied', input: {} });
  });

  it('creates a part named "unknown" for an output whose call was never announced', () => {
    expect(fold([{ type: 'tool-output-available', toolCallId: 'zz', output: 1 }]).parts).toEqual([
      { type: 'dynamic-tool', toolName: 'unknown', toolCallId: 'zz', state: 'output-available', output: 1 },
    ]);
  });
});

describe('steps and status', () => {
  it('adds a step-start part on start-step and nothing on finish-step', () => {
    expect(fold([{ type: 'start-step' }, { type: 'finish-step' }]).parts).toEqual([{ type: 'step-start' }]);
  });

  it('starts streaming with no parts and no error', () => {
    expect(emptySnapshot()).toEqual({ parts: [], status: 'streaming', error: null });
  });

  it('completes on finish', () => {
    expect(fold([{ type: 'finish', finishReason: 'stop' }])).toMatchObject({
      status: 'complete',
      error: null,
    });
  });

  it('fails with the chunk code, or "provider" when there is none, on error', () => {
    expect(fold([{ type: 'error', errorText: 'boom' }]).error).toEqual({ code: 'provider', message: 'boom' });
    expect(fold([{ type: 'error', errorText: 'slow', code: 'timeout' }])).toMatchObject({
      status: 'error',
      error: { code: 'timeout', message: 'slow' },
    });
  });

  it('is cancelled on abort', () => {
    expect(fold([{ type: 'abort', reason: 'user' }]).status).toBe('cancelled');
  });

  it('keeps the first terminal status: an error after an abort does not turn it into an error', () => {
    expect(fold([{ type: 'abort' }, { type: 'error', errorText: 'AbortError' }])).toMatchObject({
      status: 'cancelled',
      error: null,
    });
  });

  it('returns the very same snapshot for raw and start chunks, so callers can skip work', () => {
    const s = fold([{ type: 'text-start', id: 't' }]);
    expect(applyChunk(s, { type: 'raw', value: { any: 'thing' } })).toBe(s);
    expect(applyChunk(s, { type: 'start', messageId: 'm' })).toBe(s);
    expect(applyChunks(s, [{ type: 'raw', value: 1 }])).toBe(s);
  });

  it('ignores a chunk type it does not know (written by a newer version) without throwing', () => {
    const s = fold([{ type: 'text-start', id: 't' }]);
    expect(applyChunk(s, { type: 'data-progress', value: 1 } as unknown as Chunk)).toBe(s);
  });
});

import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import type { Chunk } from '../../../shared/chunks';
import { iterateStored, readChunks } from '../../../electron/core/stream/chunkRows';
import { compactStream } from '../../../electron/core/stream/compactStream';
import { decodeRawDelta, encodeRawDelta, isRawDelta } from '../../../electron/core/stream/rawDelta';
import { waitFor } from '../../helpers/waitFor';
import { cleanupAll, newEngine, tempDb } from './helpers';

afterEach(cleanupAll);

/** An OpenAI-dialect content event as a provider sends it, carrying `content`. */
function openAiEvent(content: string): Chunk {
  return {
    type: 'raw',
    value: {
      id: 'chatcmpl-9xYz',
      object: 'chat.completion.chunk',
      created: 1796531387,
      model: 'gpt-4o-mini-2024-07-18',
      system_fingerprint: 'fp_0123456789',
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    },
  } as Chunk;
}

/** An Anthropic-dialect text delta: nothing in common with the OpenAI one but its envelope. */
function anthropicEvent(text: string): Chunk {
  return {
    type: 'raw',
    value: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
  } as Chunk;
}

const contentArb = fc.string({ unit: 'grapheme', maxLength: 12 });

describe('raw events stored as deltas', () => {
  test('a delta decodes to exactly the text it was made from, emoji and all', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        (prefix, a, b, suffix) => {
          const key = `"value":{${prefix}${a}${suffix}}`;
          const stored = `"value":{${prefix}${b}${suffix}}`;
          const delta = encodeRawDelta(key, stored);
          if (delta === null) return;
          expect(isRawDelta(delta)).toBe(true);
          expect(decodeRawDelta(key, delta)).toBe(stored);
        },
      ),
    );
  });

  test('a live stream of provider events is stored as deltas, a fraction of the bytes', () => {
    const t = tempDb();
    const engine = newEngine(t);
    const s = engine.start({ messageId: t.newMessage() });
    const events = Array.from({ length: 200 }, (_, i) => openAiEvent(`word ${i} `));
    for (const e of events) s.append(e);
    engine.flush();
    const rows = t.db
      .prepare<[], { payload: string }>("SELECT payload FROM chunk_rows WHERE type = 'raw' ORDER BY key")
      .all();
    const deltas = rows.filter((r) => isRawDelta(r.payload));
    expect(deltas.length).toBeGreaterThan(rows.length * 0.9);
    const stored = rows.reduce((n, r) => n + r.payload.length, 0);
    const whole = events.reduce((n, e) => n + JSON.stringify(e).length, 0);
    expect(stored).toBeLessThan(whole / 4);
  });

  test('every reader, the chunks view and compaction return each event byte for byte, from any seq', () => {
    fc.assert(
      fc.property(
        fc.array(contentArb, { minLength: 1, maxLength: 150 }),
        fc.nat(),
        fc.boolean(),
        (contents, cut, interrupted) => {
          const t = tempDb();
          const engine = newEngine(t);
          const s = engine.start({ messageId: t.newMessage() });
          const events = contents.map(openAiEvent);
          // Some commits hold one event, some many: the key row may sit in an earlier commit.
          events.forEach((e, i) => {
            s.append(e);
            if (i % 7 === 3) engine.flush();
          });
          // An interrupted stream ends on a raw event: compaction keeps that delta as a row.
          if (interrupted) s.interrupt();
          else s.complete();
          engine.flush();
          const texts = events.map((e) => JSON.stringify(e));
          const from = (cut % (events.length + 1)) - 1;
          const check = (rowsOnly: boolean) => {
            const read = readChunks(t.db, s.id, from, 10_000).filter((c) => c.chunk.type === 'raw');
            expect(read.map((c) => JSON.stringify(c.chunk))).toEqual(texts.slice(from + 1));
            expect(
              [...iterateStored(t.db, s.id)].filter((c) => c.type === 'raw').map((c) => c.payload),
            ).toEqual(texts);
            const view = t.db
              .prepare<[string], string>(
                "SELECT payload FROM chunks WHERE stream_id = ? AND type = 'raw' ORDER BY seq",
              )
              .pluck()
              .all(s.id);
            // The view shows rows only (blocks are read through chunkRows): after compaction, the last.
            expect(view).toEqual(rowsOnly ? texts : interrupted ? texts.slice(-1) : []);
          };
          check(true);
          expect(compactStream(t.db, s.id, t.clock.now()).compacted).toBe(true);
          check(false);
          engine.close();
          t.cleanup();
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a commit that fails and is retried stores deltas against what was committed, not what was tried', async () => {
    const t = tempDb();
    const engine = newEngine(t, { commitBusyTimeoutMs: 10, retryInitialMs: 2, retryMaxMs: 20 });
    const s = engine.start({ messageId: t.newMessage() });
    const texts: string[] = [];
    const append = (chunk: Chunk) => {
      texts.push(JSON.stringify(chunk));
      s.append(chunk);
    };
    append(openAiEvent('first '));
    engine.flush();
    // The disk is full: the next commit fails after its first rows were written, and rolls back.
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    t.db.pragma(`max_page_count = ${pages}`);
    // A different event becomes a key row in the failed commit: the retry must not trust it.
    append(anthropicEvent('second '));
    append(anthropicEvent('third '));
    append({ type: 'text-delta', id: 't1', delta: 'z'.repeat(4000) });
    await waitFor(() => engine.storageFault !== null, 'a failed commit');
    t.db.pragma('max_page_count = 1073741823');
    append(anthropicEvent('fourth '));
    await waitFor(
      () => engine.storageFault === null && readChunks(t.db, s.id, -1, 100).length === 5,
      'the retry',
    );
    expect(readChunks(t.db, s.id, -1, 100).map((c) => JSON.stringify(c.chunk))).toEqual(texts);
  });
});

/**
 * The AI SDK is the oracle: for random valid chunk sequences, the parts our reducer
 * builds equal the parts the SDK's own `readUIMessageStream` assembles.
 */
import { readUIMessageStream, UIMessageStreamError, type UIMessageChunk } from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../../shared/chunks';
import { applyChunk, applyChunks, emptySnapshot } from '../../../shared/reduce';
import { chunkSequence } from './chunkPlans';

/** Our chunk as the SDK's UIMessageChunk: tool chunks are `dynamic` so it builds dynamic-tool parts. */
function toSdkChunk(chunk: Exclude<Chunk, { type: 'raw' }>): UIMessageChunk {
  if (chunk.type === 'tool-input-start' || chunk.type === 'tool-input-available')
    return { ...chunk, dynamic: true } as UIMessageChunk;
  return chunk as UIMessageChunk;
}

/** The only normalisation: the SDK writes `key: undefined` (providerMetadata, title…); we omit the key. */
function withoutUndefinedKeys(part: object): object {
  return Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined));
}

async function sdkParts(chunks: Chunk[]): Promise<object[]> {
  const sdkChunks = chunks.filter((c) => c.type !== 'raw').map(toSdkChunk);
  // start-step and finish-step emit no snapshot; a metadata chunk forces a final one.
  sdkChunks.push({ type: 'message-metadata', messageMetadata: { flushed: true } });
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      for (const c of sdkChunks) controller.enqueue(c);
      controller.close();
    },
  });
  const failures: unknown[] = [];
  let last: { parts: object[] } | undefined;
  for await (const message of readUIMessageStream({
    stream,
    onError: (e) => {
      if (e instanceof UIMessageStreamError) failures.push(e);
    },
  }))
    last = message;
  expect(failures).toEqual([]); // the generator only makes sequences the SDK accepts
  return (last?.parts ?? []).map(withoutUndefinedKeys);
}

describe('the reducer against the AI SDK', () => {
  it('builds the same parts as readUIMessageStream for interleaved text, reasoning and tool calls', async () => {
    await fc.assert(
      fc.asyncProperty(chunkSequence({ interleaved: true }), async (chunks) => {
        expect(applyChunks(emptySnapshot(), chunks).parts).toEqual(await sdkParts(chunks));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same parts folding chunk by chunk as folding the whole batch', () => {
    fc.assert(
      fc.property(
        chunkSequence({ interleaved: true }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (chunks, cuts) => {
          const oneByOne = chunks.reduce(applyChunk, emptySnapshot());
          const points = [...new Set(cuts.map((c) => c % (chunks.length + 1)))].sort((a, b) => a - b);
          let batched = emptySnapshot();
          let from = 0;
          for (const p of [...points, chunks.length]) {
            batched = applyChunks(batched, chunks.slice(from, p));
            from = p;
          }
          expect(oneByOne).toEqual(batched);
          expect(oneByOne.parts).toEqual(applyChunks(emptySnapshot(), chunks).parts);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes no undefined-valued keys into parts, so stored JSON equals the live snapshot', () => {
    fc.assert(
      fc.property(chunkSequence({ interleaved: true }), (chunks) => {
        for (const part of applyChunks(emptySnapshot(), chunks).parts)
          expect(Object.values(part).includes(undefined)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

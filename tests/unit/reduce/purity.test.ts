/** The reducer is pure: inputs are never touched, and a stored prefix resumes exactly. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessagePart } from '../../../shared/api/schemas/messages';
import type { Chunk } from '../../../shared/chunks';
import { applyChunk, applyChunks, emptySnapshot, type MessageSnapshot } from '../../../shared/reduce';
import { chunkSequence } from './chunkPlans';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A snapshot as it comes back from SQLite: JSON, parsed through the shared schema. */
function throughStorage(s: MessageSnapshot): MessageSnapshot {
  const plain = JSON.parse(JSON.stringify(s)) as MessageSnapshot;
  return { ...plain, parts: MessagePart.array().parse(plain.parts) };
}

describe('purity', () => {
  it('never mutates the snapshot or the chunks it is given (deep-frozen inputs)', () => {
    fc.assert(
      fc.property(chunkSequence({ interleaved: true }), fc.nat(), (chunks, cut) => {
        const at = cut % (chunks.length + 1);
        const before = deepFreeze(applyChunks(emptySnapshot(), chunks.slice(0, at)));
        const copy = structuredClone({ parts: before.parts, status: before.status, error: before.error });
        const rest = deepFreeze(structuredClone(chunks.slice(at)));
        let s = before;
        for (const c of rest) s = deepFreeze(applyChunk(s, c)); // throws in strict mode on any write
        applyChunks(before, rest);
        expect(before).toEqual(copy);
      }),
      { numRuns: 200 },
    );
  });

  it('resumes a snapshot read back from storage to exactly the parts of an uninterrupted fold', () => {
    // Sequential threads: at most one text part open at a time, as real providers stream.
    fc.assert(
      fc.property(chunkSequence({ interleaved: false }), fc.nat(), (chunks: Chunk[], cut) => {
        const at = cut % (chunks.length + 1);
        const stored = throughStorage(applyChunks(emptySnapshot(), chunks.slice(0, at)));
        expect(applyChunks(stored, chunks.slice(at))).toEqual(applyChunks(emptySnapshot(), chunks));
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * fast-check arbitraries for VALID chunk sequences (ones the AI SDK accepts without
 * a UIMessageStreamError): steps of text, reasoning and tool-call "threads",
 * optionally interleaved, with raw chunks sprinkled in and an optional terminal.
 */
import fc from 'fast-check';
import type { Chunk } from '../../../shared/chunks';

type Thread = Chunk[];

const delta = fc.string({ maxLength: 12, unit: 'binary' });
/** Chunks reach the reducer from the JSON chunk log, so values are JSON-clean (no -0). */
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

function streamingThread(kind: 'text' | 'reasoning', id: string): fc.Arbitrary<Thread> {
  return fc
    .record({ deltas: fc.array(delta, { maxLength: 5 }), ended: fc.boolean() })
    .map(({ deltas, ended }) => [
      { type: `${kind}-start`, id } as Chunk,
      ...deltas.map((d) => ({ type: `${kind}-delta`, id, delta: d }) as Chunk),
      ...(ended ? [{ type: `${kind}-end`, id } as Chunk] : []),
    ]);
}

/** Splits `text` at the given cut points into tool-input-delta chunks. */
function splitInto(text: string, cuts: number[], toolCallId: string): Chunk[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: Chunk[] = [];
  let from = 0;
  for (const p of [...points, text.length]) {
    if (p > from) out.push({ type: 'tool-input-delta', toolCallId, inputTextDelta: text.slice(from, p) });
    from = Math.max(from, p);
  }
  return out;
}

function toolThread(toolCallId: string): fc.Arbitrary<Thread> {
  return fc
    .record({
      toolName: fc.constantFrom('search', 'read_file', 'run'),
      input: json,
      streamed: fc.boolean(),
      garbageInput: fc.option(fc.string({ maxLength: 10 }), { freq: 4 }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      inputDone: fc.boolean(),
      outcome: fc.constantFrom('none', 'output', 'error'),
      output: json,
      errorText: fc.string({ maxLength: 10 }),
    })
    .map((t) => {
      const chunks: Chunk[] = [];
      if (t.streamed) {
        chunks.push({ type: 'tool-input-start', toolCallId, toolName: t.toolName });
        const text = t.garbageInput ?? JSON.stringify(t.input);
        chunks.push(...splitInto(text, t.cuts, toolCallId));
      }
      if (!t.streamed || t.inputDone) {
        chunks.push({ type: 'tool-input-available', toolCallId, toolName: t.toolName, input: t.input });
        if (t.outcome === 'output')
          chunks.push({ type: 'tool-output-available', toolCallId, output: t.output });
        if (t.outcome === 'error')
          chunks.push({ type: 'tool-output-error', toolCallId, errorText: t.errorText });
      }
      return chunks;
    });
}

function stepThreads(step: number): fc.Arbitrary<Thread[]> {
  const kinds = fc.array(fc.constantFrom('text', 'reasoning', 'tool'), { maxLength: 4 });
  return kinds.chain((ks) =>
    fc.tuple(
      ...ks.map((k, i) =>
        k === 'tool'
          ? toolThread(`call-${step}-${i}`)
          : // Text/reasoning ids repeat across steps, as providers' "0", "1"… do.
            streamingThread(k as 'text' | 'reasoning', `${k}-${i}`),
      ),
    ),
  );
}

/** Merges threads keeping each one's order; `picks` chooses who goes next. */
function interleave(threads: Thread[], picks: number[]): Chunk[] {
  const queues = threads.map((t) => [...t]).filter((q) => q.length > 0);
  const out: Chunk[] = [];
  let i = 0;
  while (queues.length > 0) {
    const q = (picks.length === 0 ? 0 : (picks[i++ % picks.length] as number)) % queues.length;
    const queue = queues[q] as Chunk[];
    out.push(queue.shift() as Chunk);
    if (queue.length === 0) queues.splice(q, 1);
  }
  return out;
}

const terminal: fc.Arbitrary<Chunk[]> = fc.constantFrom<Chunk[]>(
  [],
  [{ type: 'finish', finishReason: 'stop' }],
  [{ type: 'error', errorText: 'upstream 500' }],
  [{ type: 'abort' }],
);

/**
 * A valid sequence. With `interleaved: false` threads run one after another, so at
 * most one text part is open at a time (what every real provider does).
 */
export function chunkSequence(options: { interleaved: boolean }): fc.Arbitrary<Chunk[]> {
  return fc
    .record({
      withStart: fc.boolean(),
      steps: fc
        .integer({ min: 1, max: 3 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, s) => stepThreads(s)))),
      picks: fc.array(fc.nat(), { maxLength: 20 }),
      closeLastStep: fc.boolean(),
      rawAt: fc.array(fc.nat(), { maxLength: 3 }),
      end: terminal,
    })
    .map(({ withStart, steps, picks, closeLastStep, rawAt, end }) => {
      const chunks: Chunk[] = withStart ? [{ type: 'start', messageId: 'm1' }] : [];
      steps.forEach((threads, s) => {
        chunks.push({ type: 'start-step' });
        chunks.push(...(options.interleaved ? interleave(threads, picks) : threads.flat()));
        if (s < steps.length - 1 || closeLastStep) chunks.push({ type: 'finish-step' });
      });
      chunks.push(...end);
      for (const at of rawAt) chunks.splice(at % (chunks.length + 1), 0, { type: 'raw', value: { at } });
      return chunks;
    });
}

/**
 * The process the torture test kills (run as `node --import tsx tests/torture/writer.ts
 * <dataDir> <instanceId> <seed>`). It opens the real core on the data dir and streams
 * replies forever on 1–3 concurrent streams: text deltas with multi-byte characters,
 * some chunks large enough to be split into continuation rows, random small pauses,
 * and endings of every kind. Every seq a durable subscriber receives is written to
 * stdout with a synchronous write before the next thing happens, so a line the parent
 * read is a chunk some user could have seen: it must survive the SIGKILL.
 *
 * Lines: `R` ready · `S <streamId>` started · `P <streamId> <fromSeq> <toSeq>` published.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Chunk, ChunkItem } from '../../shared/chunks';
import { SpoolCore } from '../../electron/core/SpoolCore';
import { seededRandom, type Random } from './random';

/** Small on purpose: large chunks become continuation rows (§3.8) on every run. */
export const TORTURE_MAX_CHUNK_BYTES = 4096;

const WORDS = [
  'Hello ',
  'world, ',
  'héllo ',
  'naïve ',
  'Ωμέγα ',
  '日本語の',
  'テキスト',
  '🧵 ',
  '👩‍💻 ',
  'ok. ',
  '\n',
  'a',
];

function line(text: string): void {
  fs.writeSync(1, text + '\n');
}

function delta(rng: Random): string {
  if (rng.next() < 0.01) {
    // A large chunk (up to ~3× maxChunkBytes in UTF-8, multi-byte throughout).
    let s = '';
    const target = rng.int(1000, 6000);
    while (s.length < target) s += rng.pick(WORDS);
    return s;
  }
  let s = '';
  for (let n = rng.int(1, 4); n > 0; n--) s += rng.pick(WORDS);
  return s;
}

async function pause(rng: Random): Promise<void> {
  const r = rng.next();
  if (r < 0.7) return;
  if (r < 0.9) await new Promise((resolve) => setImmediate(resolve));
  else await sleep(rng.int(0, 3));
}

async function streamReplies(core: SpoolCore, conversationId: string, rng: Random): Promise<never> {
  for (;;) {
    const message = core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' });
    const handle = core.engine.start({ messageId: message.id, provider: 'torture', model: 'kill-me' });
    line(`S ${handle.id}`);
    core.engine.subscribe(handle.id, -1, (items: ChunkItem[], info) => {
      if (info.durable) reportRuns(handle.id, items);
    });
    const send = async (chunk: Chunk) => {
      const room = handle.append(chunk);
      if (room) await room;
    };
    await send({ type: 'text-start', id: 't' });
    for (let n = rng.int(10, 600); n > 0; n--) {
      await send({ type: 'text-delta', id: 't', delta: delta(rng) });
      await pause(rng);
    }
    await send({ type: 'text-end', id: 't' });
    const ending = rng.next();
    if (ending < 0.8) await handle.complete('stop');
    else if (ending < 0.9) await handle.cancel('user');
    else await handle.fail({ code: 'provider', message: 'the provider gave up' });
    await pause(rng);
  }
}

/** One line per run of consecutive seqs (a batch is normally one run). */
function reportRuns(streamId: string, items: ChunkItem[]): void {
  let from = items[0]!.seq;
  let prev = from;
  for (let i = 1; i <= items.length; i++) {
    const seq = i < items.length ? items[i]!.seq : Number.NaN;
    if (seq === prev + 1) {
      prev = seq;
      continue;
    }
    line(`P ${streamId} ${from} ${prev}`);
    from = prev = seq;
  }
}

async function main(): Promise<void> {
  const [dataDir, instanceId, seedText] = process.argv.slice(2);
  if (!dataDir || !instanceId || !seedText) {
    throw new Error('usage: writer.ts <dataDir> <instanceId> <seed>');
  }
  const rng = seededRandom(Number(seedText));
  const core = SpoolCore.open({
    dataDir,
    mode: 'test',
    instanceId,
    log: () => {},
    engine: { maxChunkBytes: TORTURE_MAX_CHUNK_BYTES },
  });
  const conversation = core.conversations.create(`torture ${instanceId}`);
  line('R');
  const streams = rng.int(1, 3);
  await Promise.all(
    Array.from({ length: streams }, (_, i) =>
      streamReplies(core, conversation.id, seededRandom(rng.int(0, 2 ** 30) + i)),
    ),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});

/**
 * local: tokens/s of the 260K test model (../shared/models/stories260K.gguf) through
 * the full engine — SpoolCore + ChatService + the inference worker + the chunk log,
 * from chat.send until the reply is committed as complete — against node-llama-cpp
 * alone in this same process (LlamaCompletion, same prompt, same thread count,
 * temperature 0, so both generate the very same tokens). Runs alternate, medians
 * are reported. Also recorded: tokens/s with 1, 2 and node-llama-cpp's default
 * thread count, and the main event loop's worst stall while a reply streams, with
 * the model in-process (load + generation) vs in the worker (what Spool does).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getLlama, LlamaCompletion, LlamaLogLevel } from 'node-llama-cpp';
import { LocalLlm } from '../electron/core/local/LocalLlm';
import { SpoolCore } from '../electron/core/SpoolCore';
import { defaultThreads } from '../electron/core/local/threads';
import { ReplyEnds } from './lib/replyEnds';
import { report } from './lib/results';
import { median, ownReader, round } from './lib/setup';

const MODEL = path.resolve(import.meta.dirname, '..', '..', 'shared', 'models', 'stories260K.gguf');
const PROMPT = 'Once upon a time';
const MAX_TOKENS = 400;
const RUNS = 9;

interface Bare {
  tokensPerSec: number;
  tokens: number;
}

interface BareModel {
  generate(maxTokens: number, stall?: { genMaxMs: number }): Promise<Bare>;
  dispose(): Promise<void>;
}

/** node-llama-cpp alone, in this process; loaded once and warmed up, as the engine's worker is. */
async function bareModel(threads: number | undefined, stall?: { loadMaxMs: number }): Promise<BareModel> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const llama = await getLlama({
    gpu: false,
    build: 'never',
    logLevel: LlamaLogLevel.error,
    ...(threads ? { maxThreads: threads } : {}),
  });
  const model = await llama.loadModel({ modelPath: MODEL });
  const context = await model.createContext({ contextSize: 2048, ...(threads ? { threads } : {}) });
  h.disable();
  if (stall) stall.loadMaxMs = h.max / 1e6;
  const sequence = context.getSequence();
  const generate = async (maxTokens: number, genStall?: { genMaxMs: number }): Promise<Bare> => {
    await sequence.clearHistory();
    const completion = new LlamaCompletion({ contextSequence: sequence });
    const g = monitorEventLoopDelay({ resolution: 1 });
    g.enable();
    let tokens = 0;
    const t0 = performance.now();
    await completion.generateCompletion(PROMPT, {
      temperature: 0,
      maxTokens,
      onToken: (t) => void (tokens += t.length),
    });
    const ms = performance.now() - t0;
    g.disable();
    if (genStall) genStall.genMaxMs = g.max / 1e6;
    return { tokensPerSec: (tokens / ms) * 1000, tokens };
  };
  await generate(5);
  return {
    generate,
    dispose: async () => {
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

async function engineRun(core: SpoolCore, stall?: { maxMs: number }): Promise<Bare> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  // Ended = the writer's message.updated with a final status, as a window learns it: no polling
  // loop of our own competing with the engine on the main thread.
  const ends = new ReplyEnds();
  const client = core.connect(ends.onEvent);
  const conversation = await client.call('conversations.create', { title: 'bench' });
  if (!conversation.ok) throw new Error(conversation.error.message);
  h.enable();
  const t0 = performance.now();
  const sent = await client.call('chat.send', { conversationId: conversation.data.id, text: PROMPT });
  if (!sent.ok) throw new Error(sent.error.message);
  const messageId = sent.data.reply.message.id;
  await ends.wait(messageId);
  const ms = performance.now() - t0;
  h.disable();
  if (stall) stall.maxMs = h.max / 1e6;
  client.dispose();
  // Tokens as the model reported them when it finished (the last raw chunk).
  const reader = ownReader(core.dataDir);
  const raw = reader
    .prepare(
      `SELECT payload FROM chunks c JOIN streams s ON s.id = c.stream_id WHERE s.message_id = ? AND c.type = 'raw' ORDER BY c.seq DESC LIMIT 1`,
    )
    .get(messageId) as { payload: string };
  const tokens = (JSON.parse(raw.payload) as { value: { tokens: number } }).value.tokens;
  const deltas = reader
    .prepare(
      `SELECT count(*) AS n FROM chunks c JOIN streams s ON s.id = c.stream_id WHERE s.message_id = ? AND c.type = 'text-delta'`,
    )
    .get(messageId) as { n: number };
  reader.close();
  lastDeltaChunks = deltas.n;
  return { tokensPerSec: (tokens / ms) * 1000, tokens };
}
let lastDeltaChunks = 0;

/** Spool's inference worker without the engine (no chunk log, no writer): where the rest goes. */
function workerRun(llm: LocalLlm, threads: number): Promise<Bare> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    llm.generate(
      {
        modelPath: MODEL,
        threads,
        messages: [{ role: 'user', text: PROMPT }],
        maxTokens: MAX_TOKENS,
        temperature: 0,
        contextSize: 2048,
        batchMs: 8,
      },
      (event) => {
        if (event.type === 'failed') reject(new Error(event.message));
        if (event.type === 'done')
          resolve({ tokensPerSec: (event.tokens / (performance.now() - t0)) * 1000, tokens: event.tokens });
      },
    );
  });
}

export async function run(): Promise<boolean> {
  if (!fs.existsSync(MODEL)) {
    console.log(`\nlocal  →  skipped: the test model ${MODEL} is absent`);
    return true;
  }
  const threads = defaultThreads();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-local-'));
  fs.mkdirSync(path.join(dataDir, 'models'));
  fs.copyFileSync(MODEL, path.join(dataDir, 'models', 'stories260K.gguf'));
  const core = SpoolCore.open({
    dataDir,
    mode: 'test',
    env: {},
    log: () => {},
    library: { askProviderForTitles: false },
    local: { tuning: { temperature: 0, maxTokens: MAX_TOKENS, threads } },
  });
  try {
    // What Settings → Local models lists, once the start-up scan is done: the model is there.
    const setup = core.connect(() => {});
    const listed = await setup.call('localModels.list', {});
    setup.dispose();
    if (!listed.ok || !listed.data.models.some((m) => m.fileName === 'stories260K.gguf'))
      throw new Error(`the test model is not listed: ${JSON.stringify(listed)}`);
    await engineRun(core); // warm-up: starts the worker and loads the model
    const bare: Bare[] = [];
    const engine: Bare[] = [];
    const inProcessStall = { loadMaxMs: 0, genMaxMs: 0 };
    const workerStall = { maxMs: 0 };
    const worker: Bare[] = [];
    const alone = await bareModel(threads, inProcessStall);
    const llm = new LocalLlm(threads);
    await workerRun(llm, threads);
    for (let i = 0; i < RUNS; i++) {
      bare.push(await alone.generate(MAX_TOKENS, i === 0 ? inProcessStall : undefined));
      engine.push(await engineRun(core, i === 0 ? workerStall : undefined));
      worker.push(await workerRun(llm, threads));
    }
    await llm.close();
    await alone.dispose();
    if (bare[0]!.tokens !== engine[0]!.tokens)
      throw new Error(`token counts differ: ${bare[0]!.tokens} vs ${engine[0]!.tokens}`);
    const once = async (t: number | undefined, maxTokens: number) => {
      const m = await bareModel(t);
      try {
        return await m.generate(maxTokens);
      } finally {
        await m.dispose();
      }
    };
    const oneThread = await once(1, MAX_TOKENS);
    const twoThreads = await once(2, 100);
    // node-llama-cpp's own default (max(4, cores)): a few tokens are enough to see it.
    const defaultThreadCount = await once(undefined, 10);
    const engineTokensPerSec = round(median(engine.map((r) => r.tokensPerSec)), 1);
    const bareTokensPerSec = round(median(bare.map((r) => r.tokensPerSec)), 1);
    const ratio = round(engineTokensPerSec / bareTokensPerSec, 3);
    return report(
      'local',
      {
        engineTokensPerSec,
        bareTokensPerSec,
        ratio,
        workerOnlyTokensPerSec: round(median(worker.map((r) => r.tokensPerSec)), 1),
        tokensPerReply: engine[0]!.tokens,
        textDeltaChunksPerReply: lastDeltaChunks,
        threads,
        tokensPerSec1Thread: round(oneThread.tokensPerSec, 1),
        tokensPerSec2Threads: round(twoThreads.tokensPerSec, 1),
        tokensPerSecDefaultThreads: round(defaultThreadCount.tokensPerSec, 1),
        inProcessLoadStallMaxMs: round(inProcessStall.loadMaxMs, 1),
        inProcessGenerateStallMaxMs: round(inProcessStall.genMaxMs, 1),
        workerReplyStallMaxMs: round(workerStall.maxMs, 1),
        method:
          `${RUNS} alternating runs of ${MAX_TOKENS} max tokens from "${PROMPT}" at temperature 0 with ${threads} thread(s); ` +
          'engine = chat.send → message committed complete (worker, chunk log, writer); bare = LlamaCompletion.generateCompletion ' +
          'in this process, model loaded once and warmed up as the worker is; workerOnly (not a target) = the same request ' +
          'through LocalLlm and its worker without the engine, to show where a gap comes from. Stalls: monitorEventLoopDelay max over the first run.',
        engineRuns: engine.map((r) => round(r.tokensPerSec, 1)),
        bareRuns: bare.map((r) => round(r.tokensPerSec, 1)),
        workerOnlyRuns: worker.map((r) => round(r.tokensPerSec, 1)),
      },
      [{ label: 'engine ≥ 0.9 × node-llama-cpp alone (tokens/s)', met: ratio >= 0.9 }],
    );
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

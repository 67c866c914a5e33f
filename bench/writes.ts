/**
 * writes: bytes written to disk per token while a reply streams, through the whole
 * app path: a real SpoolCore (engine, chunk log, debounced message writer, search
 * triggers, WAL checkpoint worker, compaction once it has finished) talking HTTP to
 * the fake provider, which runs in a child process so its socket writes do not count.
 * `/proc/self/io` (this process, every thread) is read before `chat.send` and again
 * once the reply has settled and the app has been idle for `SETTLE_MS` (so the
 * checkpoint that copies the reply into the database file, and any compaction, are
 * counted). The base of the ratio is the chunk log's own payload: the UTF-8 bytes of
 * every chunk committed for the reply (text deltas and raw provider events), as the
 * core's observation hook reports each commit (`SpoolCoreOptions.observe`).
 *
 * Compaction is a window of its own: the app's compactor compacts the reply once the
 * library has been quiet `COMPACT_AFTER_MS` (set past the reply's window, checked), and
 * the window lasts from the end of the reply's window to `SETTLE_MS` after it reported it.
 *
 * Latency: a fetch wrapper notes when each content event of the provider's SSE body
 * arrives; a connected client (what a window is) notes when the matching text delta
 * arrives in a `stream.chunks` event. Arrival → window, p50/p99 over every token.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiEventMessage } from '../shared/api/events';
import { SpoolCore } from '../electron/core/SpoolCore';
import { percentile, report } from './lib/results';
import { ioSince, readProcIo, readThreadWchar, startFakeProviderChild } from './lib/procIo';
import { ReplyEnds } from './lib/replyEnds';
import { timedFetch } from './lib/timedFetch';
import { median, ownReader, round } from './lib/setup';
import { walBytes, type RunResult } from './lib/writesRun';
import type { ApiChannel, ApiReply, ApiRequest } from '../shared/api/contract';

const SETTLE_MS = 1_500;
/**
 * The compactor's quiet time: past the reply's window (SETTLE_MS after the reply was seen
 * to end, give or take a poll), so its writes fall in a window of their own.
 */
const COMPACT_AFTER_MS = SETTLE_MS + 500;
const CASES = [
  { tps: 50, tokens: 500, runs: 3 },
  { tps: 1_000, tokens: 1_000, runs: 3 },
];

async function runCase(url: string, tps: number, tokens: number, runs: number): Promise<RunResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-writes-'));
  const arrivals: number[] = [];
  const received: number[] = [];
  let current = '';
  const onEvent = (event: ApiEventMessage) => {
    if (event.name !== 'stream.chunks') return;
    const now = performance.now();
    for (const item of event.payload.items) {
      if (item.streamId === current && item.chunk.type === 'text-delta') received.push(now);
    }
  };
  let payloadBytes = 0;
  let chunks = 0;
  const compactions: { streamId: string; ms: number; at: number }[] = [];
  const core = SpoolCore.open({
    dataDir: dir,
    mode: 'test',
    env: {},
    library: { askProviderForTitles: false },
    chat: { fetch: timedFetch(arrivals) },
    compaction: { idleMs: COMPACT_AFTER_MS, maxWaitMs: COMPACT_AFTER_MS },
    log: () => {},
    observe: {
      // One reply streams at a time: every chunk committed is the current reply's.
      onCommit(c) {
        chunks += c.chunks;
        payloadBytes += c.payloadBytes;
      },
      onCompacted: (c) => compactions.push({ ...c, at: performance.now() }),
    },
  });
  const ends = new ReplyEnds();
  const client = core.connect((event) => {
    ends.onEvent(event);
    onEvent(event);
  });
  const call = async <C extends ApiChannel>(channel: C, payload: ApiRequest<C>): Promise<ApiReply<C>> => {
    const r = await client.call(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const results: RunResult[] = [];
  // Opened per check and closed at once: a reader left open would change the WAL figures measured.
  const isPacked = (streamId: string): boolean => {
    const reader = ownReader(dir);
    try {
      return (
        reader
          .prepare('SELECT 1 FROM packed_streams p JOIN streams s ON s.no = p.no WHERE s.id = ?')
          .get(streamId) !== undefined
      );
    } finally {
      reader.close();
    }
  };
  try {
    const model = `script:long?tokens=${tokens}&tps=${tps}`;
    const provider = await call('providers.save', {
      provider: { kind: 'openai-compatible', name: 'fake', baseUrl: `${url}/v1`, defaultModel: model },
    });
    const conversation = await call('conversations.create', {});
    const send = async () => {
      const sent = await call('chat.send', {
        conversationId: conversation.id,
        text: 'Tell me a long story.',
        providerId: provider.id,
        model,
      });
      current = sent.reply.streamId;
      // As a window does: subscribe to the reply from its start.
      await call('streams.subscribe', { streamId: current, afterSeq: -1 });
      let walMax = 0;
      // Until its final message.updated: its end committed and its last snapshot stored.
      for (;;) {
        walMax = Math.max(walMax, walBytes(dir));
        if (ends.take(sent.reply.message.id)) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return walMax;
    };
    /** The reply's compaction by the app's compactor, once it has been quiet COMPACT_AFTER_MS. */
    const compactedAfter = async (since: number, streamId: string) => {
      const deadline = Date.now() + COMPACT_AFTER_MS + 30_000;
      for (;;) {
        const found = compactions.filter((c) => c.at >= since);
        if (found.length > 0) {
          if (found.length !== 1 || found[0]!.streamId !== streamId || !isPacked(streamId)) {
            throw new Error('the reply was not compacted');
          }
          return found[0]!;
        }
        if (Date.now() > deadline) throw new Error('the reply was not compacted');
        await new Promise((res) => setTimeout(res, 10));
      }
    };
    const warmUp = performance.now();
    await send(); // warm-up: JIT, statement caches, the conversation's first rows
    await compactedAfter(warmUp, current);
    for (let r = 0; r < runs; r++) {
      await new Promise((res) => setTimeout(res, SETTLE_MS));
      arrivals.length = 0;
      received.length = 0;
      payloadBytes = 0;
      chunks = 0;
      const before = readProcIo();
      const threadsBefore = readThreadWchar();
      const replyWindow = performance.now();
      let walMax = await send();
      const settleUntil = Date.now() + SETTLE_MS;
      while (Date.now() < settleUntil) {
        walMax = Math.max(walMax, walBytes(dir));
        await new Promise((res) => setTimeout(res, 50));
      }
      const io = ioSince(before);
      const threadsAfter = readThreadWchar();
      const n = received.length;
      // The reply's compaction, as the app runs it once quiet: a window of its own.
      const beforeCompaction = readProcIo();
      const compactionWindow = performance.now();
      if (compactions.some((c) => c.at >= replyWindow)) {
        throw new Error('the reply was compacted inside its own window: raise COMPACT_AFTER_MS');
      }
      const compactionMs = (await compactedAfter(compactionWindow, current)).ms;
      await new Promise((res) => setTimeout(res, SETTLE_MS));
      const cio = ioSince(beforeCompaction);
      const replyBytes = Math.max(io.wchar, io.writeBytes);
      const compactionBytes = Math.max(cio.wchar, cio.writeBytes);
      const lat = received.map((t, i) => t - arrivals[i]!).sort((a, b) => a - b);
      results.push({
        tokens: n,
        chunks,
        payloadBytes,
        wchar: io.wchar,
        writeBytes: io.writeBytes,
        wcharPerToken: round((io.wchar + cio.wchar) / n),
        writeBytesPerToken: round((io.writeBytes + cio.writeBytes) / n),
        ratioToPayload: round((replyBytes + compactionBytes) / payloadBytes, 2),
        replyBytesPerToken: round(replyBytes / n),
        compactionBytesPerToken: round(compactionBytes / n),
        compactionWchar: cio.wchar,
        compactionWriteBytes: cio.writeBytes,
        compactionMs: round(compactionMs, 2),
        replyMainThreadWchar: threadsAfter.main - threadsBefore.main,
        replyOtherThreadsWchar: threadsAfter.others - threadsBefore.others,
        latencyP50Ms: round(percentile(lat, 50), 2),
        latencyP99Ms: round(percentile(lat, 99), 2),
        walMaxBytes: walMax,
      });
      if (arrivals.length !== n) throw new Error(`${arrivals.length} content events but ${n} text deltas`);
    }
  } finally {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export async function run(): Promise<boolean> {
  const cases: Record<string, unknown>[] = [];
  const perCase = new Map<
    number,
    {
      bytesPerToken: number;
      p99: number;
      ratio: number;
      replyBytesPerToken: number;
      compactionBytesPerToken: number;
    }
  >();
  // SPOOL_BENCH_WRITES_TPS=50 runs one case (for profiling its writes, e.g. under strace).
  const only = process.env.SPOOL_BENCH_WRITES_TPS;
  for (const c of CASES.filter((x) => !only || String(x.tps) === only)) {
    const fake = await startFakeProviderChild(c.tps);
    try {
      const runs = await runCase(fake.url, c.tps, c.tokens, c.runs);
      const bytesPerToken = median(runs.map((r) => r.replyBytesPerToken + r.compactionBytesPerToken));
      const replyBytesPerToken = median(runs.map((r) => r.replyBytesPerToken));
      const compactionBytesPerToken = median(runs.map((r) => r.compactionBytesPerToken));
      const p99 = median(runs.map((r) => r.latencyP99Ms));
      const ratio = median(runs.map((r) => r.ratioToPayload));
      perCase.set(c.tps, { bytesPerToken, p99, ratio, replyBytesPerToken, compactionBytesPerToken });
      cases.push({
        tps: c.tps,
        tokens: c.tokens,
        bytesPerToken,
        replyBytesPerToken,
        compactionBytesPerToken,
        replyMainThreadWcharPerToken: median(runs.map((r) => round(r.replyMainThreadWchar / r.tokens))),
        replyOtherThreadsWcharPerToken: median(runs.map((r) => round(r.replyOtherThreadsWchar / r.tokens))),
        latencyP99Ms: p99,
        ratioToPayload: ratio,
        runs,
      });
    } finally {
      await fake.close();
    }
  }
  const none = {
    bytesPerToken: NaN,
    p99: NaN,
    ratio: NaN,
    replyBytesPerToken: NaN,
    compactionBytesPerToken: NaN,
  };
  const at50 = perCase.get(50) ?? none;
  const at1000 = perCase.get(1_000) ?? none;
  return report(
    'writes',
    {
      method:
        'A real SpoolCore (engine, chunk log, message writer, search index triggers, WAL checkpoint worker) ' +
        'streaming a script:long reply from the fake provider (child process) over HTTP. /proc/self/io of this ' +
        `process (all threads) from before chat.send to ${SETTLE_MS} ms after the reply settled (reply), then ` +
        `from then until ${SETTLE_MS} ms after the app's compactor compacted it, once quiet ${COMPACT_AFTER_MS} ms ` +
        '(compaction, its checkpoint included). bytesPerToken = reply + compaction, each max(wchar, ' +
        'write_bytes) / text deltas, median of the runs; ratioToPayload = the same bytes / the ' +
        "UTF-8 bytes of every chunk committed for the reply (the core's observation hook). Latency: provider SSE content event read by fetch " +
        '→ text delta received by a connected client, per token.',
      bytesPerToken50: at50.bytesPerToken,
      replyBytesPerToken50: at50.replyBytesPerToken,
      compactionBytesPerToken50: at50.compactionBytesPerToken,
      ratioToPayload50: at50.ratio,
      latencyP99Ms50: at50.p99,
      bytesPerToken1000: at1000.bytesPerToken,
      replyBytesPerToken1000: at1000.replyBytesPerToken,
      compactionBytesPerToken1000: at1000.compactionBytesPerToken,
      ratioToPayload1000: at1000.ratio,
      latencyP99Ms1000: at1000.p99,
      cases,
    },
    [
      { label: '≤ 2 KiB written per token at 50 tokens/s', met: at50.bytesPerToken <= 2048 },
      { label: '≤ 1 KiB written per token at 1 000 tokens/s', met: at1000.bytesPerToken <= 1024 },
      { label: 'chunk arrival → window p99 ≤ 50 ms at 50 tokens/s', met: at50.p99 <= 50 },
    ],
  );
}

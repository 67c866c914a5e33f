/**
 * sustained: replies back to back for minutes through a real SpoolCore (engine, chunk
 * log, writer, search index, checkpoint worker) from the fake provider in a child
 * process: the next `chat.send` as soon as the previous reply has settled. Measures the
 * WAL file's largest size (polled every 20 ms), API calls that failed, the time of
 * each chunk-log commit transaction (p99), and at the end the database's bytes per
 * token after compaction (file size after a clean close, and pages in use). The app's
 * compactor runs as it would (a quiet spell never comes, so at most `maxWaitMs` after
 * a reply ended, between commits); what it has not reached when the time is up it
 * compacts once the library is quiet, before the close (those compactions timed).
 *
 * The bench drives the core only through its typed client; commit and compaction
 * times and the tokens committed come from the core's observation hook
 * (`SpoolCoreOptions.observe`): internals no API call reports.
 *
 * SPOOL_BENCH_SUSTAINED_S sets the duration (default 120 s).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SpoolCore } from '../electron/core/SpoolCore';
import { percentile, report } from './lib/results';
import { startFakeProviderChild } from './lib/procIo';
import { ReplyEnds } from './lib/replyEnds';
import { round } from './lib/setup';
import type { ApiChannel, ApiReply, ApiRequest } from '../shared/api/contract';

const SECONDS = Number(process.env.SPOOL_BENCH_SUSTAINED_S ?? 120);
const TPS = 1_000;
const TOKENS = 150;
const WAL_LIMIT = 64 * 1024 * 1024;

export async function run(): Promise<boolean> {
  const fake = await startFakeProviderChild(TPS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-sustained-'));
  const file = path.join(dir, 'spool.db');
  const commitMs: number[] = [];
  let tokens = 0;
  const compactMs: number[] = [];
  const compacted = new Set<string>();
  let compactionsAfterRun: number[] | null = null;
  const core = SpoolCore.open({
    dataDir: dir,
    mode: 'test',
    env: {},
    library: { askProviderForTitles: false },
    // The app's compaction (mode 'test' leaves it off unless asked).
    compaction: {},
    log: () => {},
    observe: {
      // Every group-commit transaction timed, and the text deltas (tokens) it made durable.
      onCommit(c) {
        commitMs.push(c.ms);
        tokens += c.textDeltas;
      },
      onCompacted(c) {
        compactMs.push(c.ms);
        compacted.add(c.streamId);
        compactionsAfterRun?.push(c.ms);
      },
    },
  });
  const ends = new ReplyEnds();
  const client = core.connect(ends.onEvent);
  const errors: string[] = [];
  const call = async <C extends ApiChannel>(
    channel: C,
    payload: ApiRequest<C>,
  ): Promise<ApiReply<C> | null> => {
    const r = await client.call(channel, payload);
    if (!r.ok) {
      errors.push(`${channel}: ${r.error.code} ${r.error.message}`);
      return null;
    }
    return r.data;
  };
  let walMax = 0;
  const poll = setInterval(() => {
    try {
      walMax = Math.max(walMax, fs.statSync(`${file}-wal`).size);
    } catch {
      /* no WAL at this instant */
    }
  }, 20);
  let replies = 0;
  const streams: string[] = [];
  let notComplete = 0;
  let compactedDuringRun = 0;
  let finalCompactionMs = 0;
  const started = Date.now();
  try {
    const model = `script:long?tokens=${TOKENS}`;
    const provider = await call('providers.save', {
      provider: { kind: 'openai-compatible', name: 'fake', baseUrl: `${fake.url}/v1`, defaultModel: model },
    });
    const conversation = await call('conversations.create', {});
    if (!provider || !conversation) throw new Error(errors.join('; '));
    while (Date.now() - started < SECONDS * 1000) {
      const sent = await call('chat.send', {
        conversationId: conversation.id,
        text: `Reply number ${replies + 1}, please.`,
        providerId: provider.id,
      });
      // A failed send is counted (apiErrors); a run of them means the bench is broken, not slow.
      if (!sent) {
        if (errors.length >= 20) throw new Error(`chat.send keeps failing: ${errors.slice(-3).join('; ')}`);
        continue;
      }
      streams.push(sent.reply.streamId);
      // Settled: its end committed and its final snapshot stored, as the window is told.
      const status = await ends.wait(sent.reply.message.id);
      replies++;
      if (status !== 'complete') notComplete++;
    }
    // The rest is compacted by the app's compactor once the library is quiet, before the close.
    compactedDuringRun = compacted.size;
    compactionsAfterRun = [];
    const deadline = Date.now() + 120_000;
    while (streams.some((id) => !compacted.has(id))) {
      if (Date.now() > deadline) throw new Error('the compactor left finished replies uncompacted');
      await new Promise((r) => setTimeout(r, 50));
    }
    finalCompactionMs = compactionsAfterRun.reduce((a, b) => a + b, 0);
  } finally {
    clearInterval(poll);
    await core.close();
    await fake.close();
  }
  const walLeftAfterClose = fs.existsSync(`${file}-wal`);
  const fileBytes = fs.statSync(file).size;
  const db = new BetterSqlite3(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const usedBytes = ((db.pragma('page_count', { simple: true }) as number) - freePages) * pageSize;
  const tables = tableBytes(db);
  const rowsLeft = db.prepare('SELECT COUNT(*) FROM chunk_rows').pluck().get() as number;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const sorted = [...commitMs].sort((a, b) => a - b);
  const commitP99Ms = round(percentile(sorted, 99), 2);
  const compactSorted = [...compactMs].sort((a, b) => a - b);
  const dbBytesPerToken = round(fileBytes / tokens, 1);
  return report(
    'sustained',
    {
      method:
        `Back-to-back ${TOKENS}-token replies at ${TPS} tokens/s from the fake provider (child process) through ` +
        `a real SpoolCore for ${SECONDS} s: the next chat.send once the previous reply settled. WAL size polled ` +
        "every 20 ms; every group-commit transaction timed (the core's observation hook); database bytes per " +
        'token from the file after a clean close (and pages in use), after every finished reply was compacted ' +
        "by the app's compactor: during the run, and the rest once the library was quiet before the close " +
        '(finalCompactionMs: the sum of those compactions).',
      seconds: SECONDS,
      replies,
      tokens,
      walMaxMiB: round(walMax / 1048576, 2),
      apiErrors: errors.length,
      repliesNotComplete: notComplete,
      commits: commitMs.length,
      commitP50Ms: round(percentile(sorted, 50), 3),
      commitP99Ms,
      commitMaxMs: round(sorted[sorted.length - 1] ?? NaN, 2),
      dbBytesPerToken,
      usedBytesPerToken: round(usedBytes / tokens, 1),
      freeBytesPerToken: round((freePages * pageSize) / tokens, 1),
      bytesPerTokenByTable: Object.fromEntries(
        Object.entries(tables).map(([name, bytes]) => [name, round(bytes / tokens, 1)]),
      ),
      compactedDuringRun,
      compactions: compactMs.length,
      compactStreamP99Ms: round(percentile(compactSorted, 99), 2),
      finalCompactionMs: round(finalCompactionMs, 1),
      chunkRowsLeft: rowsLeft,
      walLeftAfterClose: String(walLeftAfterClose),
      errors: errors.slice(0, 10),
    },
    [
      { label: 'WAL ≤ 64 MiB at all times', met: walMax <= WAL_LIMIT },
      { label: 'no API call failed', met: errors.length === 0 && notComplete === 0 },
      { label: 'no WAL left after a clean close', met: !walLeftAfterClose },
      { label: 'database ≤ 60 bytes per token after compaction', met: dbBytesPerToken <= 60 },
    ],
  );
}

/** Bytes of pages in use per table and index (SQLite's dbstat), the tables' own names. */
function tableBytes(db: BetterSqlite3.Database): Record<string, number> {
  try {
    const rows = db
      .prepare<[], { name: string; bytes: number }>(
        'SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT 12',
      )
      .all();
    return Object.fromEntries(rows.map((r) => [r.name, r.bytes]));
  } catch {
    return {}; // a SQLite built without dbstat
  }
}

/**
 * The torture loop shared by the crash test (tests/unit/crash) and `npm run torture`:
 * N times, kill the writer child at a seeded random moment, run launch recovery the
 * way the next app start would (SpoolCore.open in this process), and check the data
 * dir — every version in it, against everything every earlier writer reported. The
 * data dir is reused, so the database (and its conversation trees) grows across
 * kills as a real one does.
 */
import { SpoolCore } from '../../electron/core/SpoolCore';
import { checkAfterRecovery, type CycleCheck } from './checkLog';
import { runKillCycle, type Published } from './killCycle';
import { seededRandom } from './random';

export interface TortureSummary {
  kills: number;
  integrityFailures: number;
  gaps: number;
  publishedButLost: number;
  snapshotMismatches: number;
  /** Streams or messages not ending as their log says (a terminal chunk, else 'interrupted'). */
  statusMismatches: number;
  /** A parent missing or in another conversation, a loop, a shown branch that does not resolve to a leaf. */
  treeFaults: number;
  /** The version last committed as shown is no longer on the shown branch. */
  shownBranchLost: number;
  /** A message (version) that was there after an earlier kill is gone or marked deleted. */
  versionsLost: number;
  /** Children that died of anything but our SIGKILL (a crash of the writer). */
  writerCrashes: number;
  /** Seqs the children reported as published. */
  publishedSeqs: number;
  /** Branching operations the children committed, by kind. */
  operations: Record<string, number>;
  /** In the final database; each was checked after every kill from its first on. */
  versions: number;
  streamsChecked: number;
  chunksChecked: number;
  /** Streams that a SIGKILL cut (left 'interrupted' by recovery). */
  interruptedStreams: number;
  /** Streams in the final database whose log the writers had compacted into blocks (checked the same way). */
  compactedStreams: number;
  seed: number;
  durationMs: number;
  /** The first failures, to start debugging from (replay with the same seed). */
  problems: string[];
}

export interface TortureOptions {
  dataDir: string;
  kills: number;
  seed: number;
  /** Called after each cycle (progress output). */
  onCycle?: (cycle: number, check: CycleCheck) => void;
}

export const FAILURE_FIELDS = [
  'integrityFailures',
  'gaps',
  'publishedButLost',
  'snapshotMismatches',
  'statusMismatches',
  'treeFaults',
  'shownBranchLost',
  'versionsLost',
  'writerCrashes',
] as const;

export function failed(summary: TortureSummary): boolean {
  return FAILURE_FIELDS.some((f) => summary[f] !== 0);
}

export async function runTorture(options: TortureOptions): Promise<TortureSummary> {
  const started = performance.now();
  const rng = seededRandom(options.seed);
  const s: TortureSummary = {
    kills: 0,
    integrityFailures: 0,
    gaps: 0,
    publishedButLost: 0,
    snapshotMismatches: 0,
    statusMismatches: 0,
    treeFaults: 0,
    shownBranchLost: 0,
    versionsLost: 0,
    writerCrashes: 0,
    publishedSeqs: 0,
    operations: {},
    versions: 0,
    streamsChecked: 0,
    chunksChecked: 0,
    interruptedStreams: 0,
    compactedStreams: 0,
    seed: options.seed,
    durationMs: 0,
    problems: [],
  };
  // What every writer so far reported; each check holds the database to all of it.
  const published: Published = new Map();
  const shown = new Map<string, string | null>();
  let known = new Set<string>();
  for (let cycle = 0; cycle < options.kills; cycle++) {
    // Mostly mid-stream, after a few branching operations; sometimes right after
    // start-up, while the first commits land.
    const killAfterMs = rng.next() < 0.2 ? rng.int(0, 20) : rng.int(20, 1500);
    const outcome = await runKillCycle({
      dataDir: options.dataDir,
      instanceId: `torture-${options.seed}-${cycle}`,
      seed: rng.int(0, 2 ** 30),
      killAfterMs,
    });
    s.kills++;
    if (outcome.signal !== 'SIGKILL') {
      s.writerCrashes++;
      s.problems.push(
        `cycle ${cycle}: writer exited with code ${outcome.exitCode} / ${outcome.signal}: ${outcome.stderr.slice(0, 2000)}`,
      );
    }
    for (const [streamId, seqs] of outcome.published) {
      s.publishedSeqs += seqs.size;
      const all = published.get(streamId);
      if (all) for (const seq of seqs) all.add(seq);
      else published.set(streamId, seqs);
    }
    for (const [conversationId, messageId] of outcome.shown) shown.set(conversationId, messageId);
    for (const [op, n] of outcome.operations) s.operations[op] = (s.operations[op] ?? 0) + n;
    // The next launch: recovery runs inside open(); close() leaves nothing of its own behind.
    const core = SpoolCore.open({ dataDir: options.dataDir, mode: 'test', log: () => {} });
    await core.close();
    const check = checkAfterRecovery(options.dataDir, {
      instanceId: outcome.instanceId,
      published,
      shown,
      known,
    });
    known = new Set(check.messageIds);
    for (const f of FAILURE_FIELDS) if (f !== 'writerCrashes') s[f] += check[f];
    s.versions = check.messages;
    s.streamsChecked = check.streams;
    s.chunksChecked = check.chunks;
    s.interruptedStreams += check.interrupted;
    s.compactedStreams = check.compacted;
    for (const p of check.problems) if (s.problems.length < 40) s.problems.push(`cycle ${cycle}: ${p}`);
    options.onCycle?.(cycle, check);
  }
  s.durationMs = Math.round(performance.now() - started);
  return s;
}

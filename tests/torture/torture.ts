/**
 * The torture loop shared by the crash test (tests/unit/crash) and `npm run torture`:
 * N times, kill the writer child at a seeded random moment, run launch recovery the
 * way the next app start would (SpoolCore.open in this process), and check the data
 * dir. The data dir is reused, so the database grows across kills as a real one does.
 */
import { SpoolCore } from '../../electron/core/SpoolCore';
import { checkAfterRecovery, type CycleCheck } from './checkLog';
import { runKillCycle } from './killCycle';
import { seededRandom } from './random';

export interface TortureSummary {
  kills: number;
  integrityFailures: number;
  gaps: number;
  publishedButLost: number;
  snapshotMismatches: number;
  /** Streams not ending as their log says (a terminal chunk, else 'interrupted'). */
  statusMismatches: number;
  /** Children that died of anything but our SIGKILL (a crash of the writer). */
  writerCrashes: number;
  /** Seqs the children reported as published, and streams/chunks checked. */
  publishedSeqs: number;
  streamsChecked: number;
  chunksChecked: number;
  interruptedStreams: number;
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
    writerCrashes: 0,
    publishedSeqs: 0,
    streamsChecked: 0,
    chunksChecked: 0,
    interruptedStreams: 0,
    seed: options.seed,
    durationMs: 0,
    problems: [],
  };
  for (let cycle = 0; cycle < options.kills; cycle++) {
    // Mostly mid-stream; sometimes right after start-up, while the first commits land.
    const killAfterMs = rng.next() < 0.2 ? rng.int(0, 20) : rng.int(20, 400);
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
    // The next launch: recovery runs inside open(); close() leaves nothing of its own behind.
    const core = SpoolCore.open({ dataDir: options.dataDir, mode: 'test', log: () => {} });
    await core.close();
    const check = checkAfterRecovery(options.dataDir, outcome.instanceId, outcome.published);
    for (const seqs of outcome.published.values()) s.publishedSeqs += seqs.size;
    s.integrityFailures += check.integrityFailures;
    s.gaps += check.gaps;
    s.publishedButLost += check.publishedButLost;
    s.snapshotMismatches += check.snapshotMismatches;
    s.statusMismatches += check.statusMismatches;
    s.streamsChecked += check.streams;
    s.chunksChecked += check.chunks;
    s.interruptedStreams += check.interrupted;
    for (const p of check.problems) if (s.problems.length < 40) s.problems.push(`cycle ${cycle}: ${p}`);
    options.onCycle?.(cycle, check);
  }
  s.durationMs = Math.round(performance.now() - started);
  return s;
}

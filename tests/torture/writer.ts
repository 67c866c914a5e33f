/**
 * The process the torture test kills (run as `node --import tsx tests/torture/writer.ts
 * <dataDir> <instanceId> <seed>`). It opens the real core on the data dir, starts the
 * fake provider (tests/fake-provider, real HTTP) in-process and runs 1–3 lanes at
 * once until it is killed: mostly branching lanes (branchingLane.ts: send, regenerate,
 * edit & resend, continue, show another version, stop — on conversations earlier
 * writers left behind, with their interrupted replies), sometimes a raw lane that
 * drives the engine directly (rawLane.ts: replies under any message, new streams of
 * cut ones). What it reports is in report.ts.
 */
import { SpoolCore } from '../../electron/core/SpoolCore';
import { startFakeProvider } from '../fake-provider/server';
import { branchingLane, TORTURE_PROVIDER_ID } from './branchingLane';
import { seededRandom } from './random';
import { rawLane } from './rawLane';
import { line } from './report';

/** Small on purpose: large chunks become continuation rows (§3.8) on every run. */
export const TORTURE_MAX_CHUNK_BYTES = 4096;

const TREE_TITLE = 'torture tree';
const RAW_TITLE = 'torture raw';
/** A lane goes back to one of the most recent conversations of its kind this often. */
const REUSE = 0.75;
const RECENT = 8;

async function main(): Promise<void> {
  const [dataDir, instanceId, seedText] = process.argv.slice(2);
  if (!dataDir || !instanceId || !seedText) {
    throw new Error('usage: writer.ts <dataDir> <instanceId> <seed>');
  }
  const rng = seededRandom(Number(seedText));
  const fake = await startFakeProvider({ tokensPerSecond: 0 });
  const core = SpoolCore.open({
    dataDir,
    mode: 'test',
    instanceId,
    env: {},
    log: () => {},
    engine: { maxChunkBytes: TORTURE_MAX_CHUNK_BYTES },
    chat: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
    // Title requests would be provider traffic no lane asked for.
    library: { askProviderForTitles: false },
    // Compaction at rest while other lanes stream, so kills land in it too (issue 15).
    compaction: { idleMs: 20, maxWaitMs: 150 },
  });
  // The same provider id every run; only the fake server's port changes.
  await core.providers.save({
    id: TORTURE_PROVIDER_ID,
    kind: 'openai-compatible',
    name: 'Torture fake provider',
    baseUrl: `${fake.url}/v1`,
  });
  // One lane per conversation (see branchingLane.ts), mostly one earlier writers left.
  const recent = (title: string) =>
    core.conversations
      .list()
      .filter((c) => c.title.startsWith(title))
      .slice(0, RECENT)
      .map((c) => c.id);
  const pools = { [TREE_TITLE]: recent(TREE_TITLE), [RAW_TITLE]: recent(RAW_TITLE) };
  const conversation = (title: keyof typeof pools, lane: number): string => {
    const pool = pools[title];
    if (pool.length > 0 && rng.next() < REUSE) return pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    return core.conversations.create(`${title} ${instanceId} ${lane}`).id;
  };
  const lanes: (() => Promise<never>)[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const laneRng = seededRandom(rng.int(0, 2 ** 30) + i);
    if (rng.next() < 0.2) {
      const id = conversation(RAW_TITLE, i);
      lanes.push(() => rawLane(core, id, laneRng));
    } else {
      const id = conversation(TREE_TITLE, i);
      lanes.push(() => branchingLane({ core, fake }, id, laneRng));
    }
  }
  line('R');
  await Promise.all(lanes.map((lane) => lane()));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});

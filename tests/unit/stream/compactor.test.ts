import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { SpoolCore, type SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { send, useFakeProvider, type Library } from '../export/helpers';
import { waitFor } from '../../helpers/waitFor';
import { makeTempDir } from '../../helpers/tempDir';
import { libraryDb } from '../../helpers/libraryDb';

const fake = useFakeProvider(0);
const dirs: string[] = [];
const cores: SpoolCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(compaction: SpoolCoreOptions['compaction'], dir?: string): Promise<Library> {
  const dataDir = dir ?? makeTempDir('spool-compactor-').dir;
  if (!dir) dirs.push(dataDir);
  const core = SpoolCore.open({ dataDir, mode: 'test', env: {}, log: () => {}, compaction });
  cores.push(core);
  const provider = await core.providers.save({
    id: 'fake',
    kind: 'openai-compatible',
    name: 'Fake',
    baseUrl: `${fake.url()}/v1`,
    defaultModel: 'script:hello',
  });
  return { dir: dataDir, core, exporter: core.exporter, providerId: provider.id };
}

const packed = (lib: Library, streamId: string) =>
  libraryDb(lib.core)
    .prepare('SELECT 1 FROM packed_streams p JOIN streams s ON s.no = p.no WHERE s.id = ?')
    .get(streamId) !== undefined;
const rows = (lib: Library, streamId: string) =>
  libraryDb(lib.core)
    .prepare('SELECT COUNT(*) FROM chunks WHERE stream_id = ?')
    .pluck()
    .get(streamId) as number;

describe('the compactor in the app', () => {
  test('compacts a finished reply once the library has been quiet', async () => {
    const lib = await open({ idleMs: 50, maxWaitMs: 200 });
    const { streamId } = await send(lib, 'script:long');
    await waitFor(() => packed(lib, streamId), 'the reply to be compacted');
    expect(rows(lib, streamId)).toBe(1);
  });

  test('leaves a reply that is still streaming alone while it compacts finished ones', async () => {
    const lib = await open({ idleMs: 50, maxWaitMs: 200 });
    const live = await send(lib, 'script:stall-after-3', { wait: false });
    await waitFor(() => rows(lib, live.streamId) >= 3, 'the live reply to commit its first chunks');
    const done = await send(lib, 'script:hello');
    await waitFor(() => packed(lib, done.streamId), 'the finished reply to be compacted');
    expect(packed(lib, live.streamId)).toBe(false);
    expect(lib.core.compactor.compactAll()).toBe(0);
    expect(rows(lib, live.streamId)).toBeGreaterThanOrEqual(3);
    expect(
      libraryDb(lib.core).prepare('SELECT status FROM streams WHERE id = ?').pluck().get(live.streamId),
    ).toBe('streaming');
  });

  test('compacts at launch what an earlier run left finished but not compacted', async () => {
    const first = await open({ enabled: false });
    const a = await send(first, 'script:hello');
    const b = await send(first, 'script:long');
    await cores.splice(0)[0]!.close();
    const again = await open({ idleMs: 50, maxWaitMs: 200 }, first.dir);
    await waitFor(
      () => packed(again, a.streamId) && packed(again, b.streamId),
      'the backlog to be compacted',
    );
  });

  test('in test mode compacts nothing unless asked', async () => {
    const lib = await open(undefined);
    const { streamId } = await send(lib, 'script:hello');
    await new Promise((r) => setTimeout(r, 300));
    expect(packed(lib, streamId)).toBe(false);
    expect(lib.core.compactor.compactAll()).toBe(1);
    expect(packed(lib, streamId)).toBe(true);
  });
});

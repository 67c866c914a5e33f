/**
 * The property sync promises: whatever three devices do to their libraries, in any
 * order of syncs (some devices offline for a while), once each has synced after the
 * last change they hold identical libraries.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { ConversationStore } from '../../../electron/core/store/ConversationStore';
import { openSync, type SyncEngine } from '../../../electron/core/sync/SyncEngine';
import type { SyncServer } from '../../../electron/core/sync/SyncServer';
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../../helpers/pgCluster';
import { makeTempDir } from '../../helpers/tempDir';

const skip = pgUnavailableReason();
let cluster: PgCluster;
beforeAll(async () => {
  if (!skip) cluster = await startPgCluster();
}, 60_000);
afterAll(() => cluster?.stop());

type Op =
  | { kind: 'create'; device: number; title: string }
  | { kind: 'rename'; device: number; pick: number; title: string }
  | { kind: 'pin'; device: number; pick: number; pinned: boolean }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'sync'; device: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), device: fc.nat(2), title: fc.string({ maxLength: 12 }) }),
  fc.record({
    kind: fc.constant('rename' as const),
    device: fc.nat(2),
    pick: fc.nat(),
    title: fc.string({ maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('pin' as const), device: fc.nat(2), pick: fc.nat(), pinned: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), device: fc.nat(2), pick: fc.nat() }),
  fc.record({ kind: fc.constant('sync' as const), device: fc.nat(2) }),
);

interface Device {
  db: Database;
  store: ConversationStore;
  engine: SyncEngine;
  server: SyncServer;
}

function snapshot(db: Database): unknown[] {
  return db
    .prepare('SELECT id, title, pinned_at, deleted_at, updated_at FROM conversations ORDER BY id')
    .all();
}

describe.skipIf(skip)('sync convergence', () => {
  test('three devices with random changes and random sync orders end with identical libraries', async () => {
    let ids = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const url = await cluster.createDatabase();
        const tmp = makeTempDir('spool-converge-');
        const devices: Device[] = [];
        try {
          for (let i = 0; i < 3; i++) {
            const { db } = openDatabase({ file: path.join(tmp.dir, `d${i}.db`) });
            const store = new ConversationStore(db, { now: () => Date.now() }, () => `c${++ids}`);
            const { engine, server } = await openSync({
              db,
              url,
              passphrase: 'p',
              newDeviceId: () => `dev-${i}`,
            });
            devices.push({ db, store, engine, server });
          }
          for (const o of ops) {
            const d = devices[o.device]!;
            const live = d.db.prepare('SELECT id FROM conversations ORDER BY id').pluck().all() as string[];
            const target = 'pick' in o && live.length > 0 ? live[o.pick % live.length]! : null;
            if (o.kind === 'create') d.store.create(o.title || 'untitled');
            else if (o.kind === 'rename' && target) d.store.rename(target, o.title || 'untitled');
            else if (o.kind === 'pin' && target)
              d.db
                .prepare('UPDATE conversations SET pinned_at = ? WHERE id = ?')
                .run(o.pinned ? Date.now() : null, target);
            else if (o.kind === 'delete' && target)
              d.db.prepare('DELETE FROM conversations WHERE id = ?').run(target);
            else if (o.kind === 'sync') await d.engine.syncOnce();
          }
          // Everyone syncs after the last change; a second round carries what the first pulled.
          for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.syncOnce();
          const [first, ...rest] = devices.map((d) => snapshot(d.db));
          for (const other of rest) expect(other).toEqual(first);
        } finally {
          for (const d of devices) {
            await d.server.close();
            d.db.close();
          }
          tmp.cleanup();
        }
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});

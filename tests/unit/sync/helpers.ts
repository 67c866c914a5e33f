/** What the sync tests share: a device on a library, exports to compare, the server as pg_dump shows it. */
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { libraryDb } from '../../helpers/libraryDb';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import { StringSink } from '../../../electron/core/export';
import { openSync, type SyncEngine } from '../../../electron/core/sync/SyncEngine';
import type { SyncServer } from '../../../electron/core/sync/SyncServer';
import type { PgCluster } from '../../helpers/pgCluster';
import type { Library } from '../export/helpers';

const servers: SyncServer[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
});

export async function device(lib: Library, url: string, passphrase = 'correct horse'): Promise<SyncEngine> {
  const { engine, server } = await openSync({
    db: libraryDb(lib.core),
    url,
    passphrase,
    newDeviceId: randomUUID,
  });
  servers.push(server);
  return engine;
}

export async function exported(lib: Library, target: ExportTarget): Promise<string> {
  const sink = new StringSink();
  await lib.exporter.write(target, sink);
  return sink.text();
}

/**
 * What anyone with the server's files or a backup of it can read: pg_dump's output with
 * bytea decoded from hex, so text stored in the clear in a body would show.
 */
export function readableDump(cluster: PgCluster, url: string): string {
  return cluster
    .dump(new URL(url).pathname.slice(1))
    .replace(/\\{1,2}x([0-9a-f]+)/g, (_, hex: string) => Buffer.from(hex, 'hex').toString('latin1'));
}

/**
 * A conversation export without what stays on its device by design: the local audit
 * trail and provider names, which come from this device's provider settings.
 */
export function synced(json: string): unknown {
  return JSON.parse(json, (key, value: unknown) =>
    ['audit', 'providerName', 'exportedAt'].includes(key) ? undefined : value,
  );
}

/** A preset as a user saves one, for the tests that sync presets. */
export const TERSE_PRESET = {
  name: 'Terse',
  systemPrompt: 'Answer in one line.',
  providerId: null,
  model: null,
  params: {},
};

/**
 * Settings → Sync through the API, as a window calls it: real cores, a real throwaway
 * PostgreSQL, the real secrets file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SyncState } from '../../../shared/api/schemas/sync';
import { usePgCluster } from '../../helpers/pgCluster';
import { openLibrary, send, useFakeProvider, type Library } from '../export/helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

const postgres = usePgCluster('sync tests');
const skip = postgres.skip;
const fake = useFakeProvider(0);

function watch(lib: Library) {
  const states: SyncState[] = [];
  const client = lib.core.connect((event) => {
    if (event.name === 'sync.status') states.push(event.payload);
  });
  return { client, states, last: () => states[states.length - 1] };
}

const secretsOf = (lib: Library) => {
  const file = path.join(lib.dir, 'secrets.json');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

describe.skipIf(skip)('Settings → Sync', () => {
  test('set up on two libraries, a conversation of one appears in the other, and the state says synced', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    const sent = await send(a, 'script:hello', { prompt: 'Across devices' });
    const onA = watch(a);
    const onB = watch(b);
    expect(
      (await onA.client.call('sync.configure', { databaseUrl: url, passphrase: 'long enough' })).ok,
    ).toBe(true);
    await waitFor(() => onA.last()?.state === 'synced', 'A to sync');
    expect(
      (await onB.client.call('sync.configure', { databaseUrl: url, passphrase: 'long enough' })).ok,
    ).toBe(true);
    await waitFor(
      () =>
        libraryDb(b.core).prepare('SELECT 1 FROM conversations WHERE id = ?').get(sent.conversationId) !==
        undefined,
      'the conversation on B',
    );
    const status = await onB.client.call('sync.status', {});
    const state = (status.ok ? status.data : null) as SyncState | null;
    expect(state?.state).toBe('synced');
    expect(state && 'server' in state ? state.server : '').toMatch(/^127\.0\.0\.1:\d+\/spool_test_\d+$/);
    expect(JSON.stringify(onB.states)).not.toContain('long enough');
    await a.core.sync.disable();
    await b.core.sync.disable();
  }, 60_000);

  test('a wrong passphrase is refused in words and nothing is kept', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    const b = await openLibrary(fake.url());
    await a.core.sync.configure(url, 'the right one');
    const onB = watch(b);
    const result = await onB.client.call('sync.configure', { databaseUrl: url, passphrase: 'the wrong one' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('BAD_REQUEST');
    expect(!result.ok && result.error.message).toContain('does not unlock');
    expect(secretsOf(b)).not.toContain('sync:');
    expect(b.core.sync.state()).toEqual({ state: 'off' });
    await a.core.sync.disable();
  }, 60_000);

  test('a server that cannot be reached is UNAVAILABLE, and a bad connection string BAD_REQUEST', async () => {
    const a = await openLibrary(fake.url());
    const client = a.core.connect(() => {});
    const unreachable = await client.call('sync.configure', {
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      passphrase: 'long enough',
    });
    expect(!unreachable.ok && unreachable.error.code).toBe('UNAVAILABLE');
    const bad = await client.call('sync.configure', {
      databaseUrl: 'http://example.com',
      passphrase: 'long enough',
    });
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
    expect(secretsOf(a)).not.toContain('sync:');
  }, 60_000);

  test('kept like an API key, it resumes after a restart, and turning it off forgets both', async () => {
    const url = await postgres.get().createDatabase();
    const a = await openLibrary(fake.url());
    await a.core.sync.configure(url, 'long enough');
    expect(secretsOf(a)).toContain('sync:passphrase');
    expect((fs.statSync(path.join(a.dir, 'secrets.json')).mode & 0o777).toString(8)).toBe('600');
    await a.core.sync.close();
    await a.core.sync.start();
    await waitFor(() => a.core.sync.state().state === 'synced', 'sync to resume');
    await a.core.sync.disable();
    expect(secretsOf(a)).not.toContain('sync:');
    expect(a.core.sync.state()).toEqual({ state: 'off' });
  }, 60_000);
});

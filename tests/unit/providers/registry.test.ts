import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../../../electron/core/providers/ProviderRegistry';
import { SqliteProviderStorage } from '../../../electron/core/providers/ProviderStorage';
import { PROVIDERS_TABLE_SQL } from '../../../electron/core/providers/schema.sql';
import { FileSecretStore } from '../../../electron/core/secrets/FileSecretStore';
import { LISTED_MODELS } from '../../fake-provider/script';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';
import { SECRET_KEY } from './helpers';

let fake: FakeProvider;
/** Local servers need no key. */
let local: FakeProvider;
let unreachable: string;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0, apiKey: SECRET_KEY });
  local = await startFakeProvider({ tokensPerSecond: 0 });
  const closed = await startFakeProvider();
  unreachable = closed.url;
  await closed.close();
});
afterAll(async () => {
  await fake.close();
  await local.close();
});

let temp: ReturnType<typeof makeTempDir>;
let db: Database;
let secrets: FileSecretStore;
let registry: ProviderRegistry;
let ids = 0;

beforeEach(() => {
  temp = makeTempDir('spool-registry-');
  db = new BetterSqlite3(path.join(temp.dir, 'spool.db'));
  db.exec(PROVIDERS_TABLE_SQL);
  secrets = FileSecretStore.inDataDir(temp.dir);
  registry = new ProviderRegistry({
    storage: new SqliteProviderStorage(db, { now: () => 1000 + ids }),
    secrets,
    env: {},
    newId: () => `id-${++ids}`,
    localHosts: { ollama: local.url, lmStudio: local.url },
  });
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

const draft = (url: string) => ({ kind: 'openai-compatible' as const, name: 'Fake', baseUrl: `${url}/v1` });

describe('ProviderRegistry', () => {
  it('saves a provider with an id and lists it with where its key comes from, not the key', async () => {
    const saved = await registry.save(draft(fake.url), SECRET_KEY);
    expect(saved).toMatchObject({ id: 'id-1', name: 'Fake', keySource: 'stored', envVar: 'OPENAI_API_KEY' });
    const { providers, keyProtection } = await registry.list();
    expect(providers).toEqual([saved]);
    expect(keyProtection.protected).toBe(false);
    expect(JSON.stringify(providers)).not.toContain(SECRET_KEY);
  });

  it('keeps the stored key when saving without one, and forgets it when told null', async () => {
    const saved = await registry.save(draft(fake.url), SECRET_KEY);
    await registry.save({ ...saved, name: 'Renamed' });
    expect((await registry.resolve(saved.id)).apiKey).toBe(SECRET_KEY);
    await registry.save({ ...saved, name: 'Renamed' }, null);
    expect((await registry.resolve(saved.id)).apiKey).toBeUndefined();
    expect((await registry.list()).providers[0]).toMatchObject({ name: 'Renamed', keySource: 'none' });
  });

  it('deletes a provider and its key', async () => {
    const saved = await registry.save(draft(fake.url), SECRET_KEY);
    await registry.delete(saved.id);
    expect((await registry.list()).providers).toEqual([]);
    expect(await secrets.get(`provider:${saved.id}`)).toBeUndefined();
  });

  it('answers NOT_FOUND for an unknown provider', async () => {
    await expect(registry.delete('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects a base URL with credentials in it', async () => {
    await expect(
      registry.save({ ...draft(fake.url), baseUrl: 'http://user:pw@127.0.0.1/v1' }),
    ).rejects.toThrow(/without credentials/);
  });

  it('tests a saved provider by listing its models', async () => {
    const saved = await registry.save(draft(fake.url), SECRET_KEY);
    const result = await registry.test({ id: saved.id });
    expect(result).toMatchObject({ ok: true, models: expect.arrayContaining(LISTED_MODELS) });
  });

  it('tests an unsaved draft with a wrong key and returns the provider’s own words', async () => {
    const result = await registry.test({ provider: draft(fake.url), apiKey: 'wrong-key' });
    expect(result).toEqual({
      ok: false,
      code: 'auth',
      message: 'Incorrect API key provided to the fake provider. (HTTP 401)',
    });
  });

  it('tests a server without a model list by asking its default model for one token', async () => {
    const listless = await startFakeProvider({ tokensPerSecond: 0, noModelList: true });
    try {
      const provider = { ...draft(listless.url), defaultModel: 'script:hello' };
      expect(await registry.test({ provider, apiKey: 'k' })).toMatchObject({
        ok: true,
        models: ['script:hello'],
      });
      expect(listless.requests.map((r) => r.path)).toEqual(['/v1/models', '/v1/chat/completions']);
      expect(listless.requests[1]!.body).toMatchObject({ max_tokens: 1 });
    } finally {
      await listless.close();
    }
  });

  it('reports an unreachable provider as a connect failure', async () => {
    const result = await registry.test({ provider: draft(unreachable), apiKey: 'k' });
    expect(result).toMatchObject({ ok: false, code: 'connect' });
  });

  it.each([
    ['anthropic', (url: string) => ({ kind: 'anthropic' as const, name: 'A', baseUrl: `${url}/v1` })],
    ['ollama', (url: string) => ({ kind: 'ollama' as const, name: 'O', baseUrl: url })],
  ])('lists the models of a saved %s provider', async (_, make) => {
    const saved = await registry.save(make(fake.url), SECRET_KEY);
    const result = await registry.models(saved.id);
    expect(result.ok && result.models).toEqual([...LISTED_MODELS].sort((a, b) => a.localeCompare(b)));
  });

  it('detects a local Ollama and LM Studio where they answer', async () => {
    const { detected } = await registry.detectLocal();
    expect(detected.map((d) => [d.kind, d.baseUrl])).toEqual([
      ['ollama', local.url],
      ['openai-compatible', `${local.url}/v1`],
    ]);
    expect(detected[0]!.models).toContain('script:hello');
  });

  it('detects nothing where nothing listens', async () => {
    const lonely = new ProviderRegistry({
      storage: new SqliteProviderStorage(db, { now: () => 0 }),
      secrets,
      env: {},
      localHosts: { ollama: unreachable, lmStudio: unreachable },
    });
    expect(await lonely.detectLocal()).toEqual({ detected: [] });
  });

  it('keeps configs in the providers table across registry instances', async () => {
    const saved = await registry.save({ ...draft(fake.url), models: ['a', 'b'], defaultModel: 'a' });
    const again = new ProviderRegistry({
      storage: new SqliteProviderStorage(db, { now: () => 0 }),
      secrets,
      env: {},
    });
    expect(again.get(saved.id)).toEqual({
      id: saved.id,
      kind: 'openai-compatible',
      name: 'Fake',
      baseUrl: `${fake.url}/v1`,
      models: ['a', 'b'],
      defaultModel: 'a',
    });
  });
});

import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeRequest } from '../../../electron/core/providers/describeRequest';
import { ProviderRegistry } from '../../../electron/core/providers/ProviderRegistry';
import { SqliteProviderStorage } from '../../../electron/core/providers/ProviderStorage';
import { PROVIDERS_TABLE_SQL } from '../../../electron/core/providers/schema.sql';
import { FileSecretStore } from '../../../electron/core/secrets/FileSecretStore';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';
import { reply, replyOptions, SECRET_KEY } from './helpers';

let fake: FakeProvider;
let guarded: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
  // Requires another key, and echoes the key it was given in its 401 (as some providers do).
  guarded = await startFakeProvider({ tokensPerSecond: 0, apiKey: 'the-right-key' });
});
afterAll(async () => {
  await fake.close();
  await guarded.close();
});

it('never lets the API key reach a chunk, an error, the request metadata, a listing or a log line', async () => {
  const logged: unknown[][] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args)),
  );
  const temp = makeTempDir('spool-keys-');
  const db = new BetterSqlite3(path.join(temp.dir, 'spool.db'));
  try {
    const outputs: unknown[] = [];
    for (const kind of ['openai-compatible', 'anthropic'] as const) {
      for (const model of ['script:reasoning', 'script:tool-call', 'script:cut-after-2', 'script:http-500']) {
        const options = replyOptions(fake.url, model, { kind, rawCapture: true, retry: { maxRetries: 0 } });
        outputs.push(await reply(options), describeRequest(options));
      }
      const rejected = replyOptions(guarded.url, 'script:hello', { kind, rawCapture: true });
      outputs.push(await reply(rejected), describeRequest(rejected));
    }
    // The guarded server really did see (and echo) the key: the redaction is what keeps it out.
    expect(JSON.stringify(guarded.requests.map((r) => r.headers))).toContain(SECRET_KEY);
    expect(JSON.stringify(outputs)).toContain('[redacted]');

    db.exec(PROVIDERS_TABLE_SQL);
    const registry = new ProviderRegistry({
      storage: new SqliteProviderStorage(db, { now: () => 0 }),
      secrets: FileSecretStore.inDataDir(temp.dir),
      env: {},
    });
    const saved = await registry.save(
      { kind: 'openai-compatible', name: 'Guarded', baseUrl: `${guarded.url}/v1` },
      SECRET_KEY,
    );
    outputs.push(
      saved,
      await registry.list(),
      await registry.test({ id: saved.id }),
      await registry.models(saved.id),
    );
    outputs.push(db.prepare('SELECT * FROM providers').all());

    const everything = JSON.stringify(outputs) + JSON.stringify(logged);
    expect(everything).not.toContain(SECRET_KEY);
  } finally {
    for (const spy of spies) spy.mockRestore();
    db.close();
    temp.cleanup();
  }
});

it('stores a base URL without its query string or credentials in the request metadata', () => {
  const options = replyOptions('http://127.0.0.1:9', 'm');
  options.config = { ...options.config, baseUrl: `http://127.0.0.1:9/v1?key=${SECRET_KEY}` };
  const description = describeRequest(options);
  expect(description.baseUrl).toBe('http://127.0.0.1:9/v1');
  expect(JSON.stringify(description)).not.toContain(SECRET_KEY);
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, SecretsFileError } from '../../../electron/core/secrets/FileSecretStore';
import { resolveApiKey } from '../../../electron/core/secrets/resolveApiKey';
import { providerKeyRef } from '../../../electron/core/secrets/SecretStore';
import { makeTempDir } from '../../helpers/tempDir';

const posix = process.platform !== 'win32';
let temp: ReturnType<typeof makeTempDir>;
let store: FileSecretStore;

beforeEach(() => {
  temp = makeTempDir('spool-secrets-');
  store = FileSecretStore.inDataDir(temp.dir);
});
afterEach(() => temp.cleanup());

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('FileSecretStore', () => {
  it('reads back what it stored, and nothing for an unknown ref', async () => {
    await store.set('provider:a', 'key-a');
    await store.set('provider:b', 'key-b');
    expect(await store.get('provider:a')).toBe('key-a');
    expect(await store.get('provider:b')).toBe('key-b');
    expect(await store.get('provider:c')).toBeUndefined();
  });

  it('forgets a deleted secret and keeps the others', async () => {
    await store.set('provider:a', 'key-a');
    await store.set('provider:b', 'key-b');
    await store.delete('provider:a');
    expect(await store.get('provider:a')).toBeUndefined();
    expect(await store.get('provider:b')).toBe('key-b');
  });

  it.runIf(posix)('creates secrets.json with mode 0600 and keeps it so on every write', async () => {
    await store.set('provider:a', 'key-a');
    expect(modeOf(store.file)).toBe(0o600);
    await store.set('provider:b', 'key-b');
    expect(modeOf(store.file)).toBe(0o600);
  });

  it('loses no write when saves overlap', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`provider:${i}`, `key-${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`provider:${i}`)).toBe(`key-${i}`);
  });

  it('leaves no temp file behind after writing', async () => {
    await store.set('provider:a', 'key-a');
    expect(fs.readdirSync(temp.dir)).toEqual(['secrets.json']);
  });

  it.runIf(posix)(
    'refuses a file others can read, saying how to fix it, and does not change it',
    async () => {
      await store.set('provider:a', 'key-a');
      fs.chmodSync(store.file, 0o644);
      await expect(store.get('provider:a')).rejects.toThrow(SecretsFileError);
      await expect(store.get('provider:a')).rejects.toThrow(/chmod 600/);
      await expect(store.set('provider:b', 'x')).rejects.toThrow(/mode 0644/);
      expect(modeOf(store.file)).toBe(0o644);
    },
  );

  it('refuses to overwrite a file it cannot parse', async () => {
    fs.writeFileSync(store.file, '{ not json', { mode: 0o600 });
    await expect(store.set('provider:a', 'x')).rejects.toThrow(/left untouched/);
    expect(fs.readFileSync(store.file, 'utf8')).toBe('{ not json');
  });

  it('says plainly that file-stored keys are not encrypted', () => {
    const protection = store.describeProtection();
    expect(protection.protected).toBe(false);
    expect(protection.detail).toContain(path.join(temp.dir, 'secrets.json'));
  });
});

describe('resolveApiKey', () => {
  const openai = { id: 'p1', kind: 'openai-compatible' as const, baseUrl: 'https://api.openai.com/v1' };

  it('uses the stored key when no environment variable is set', async () => {
    await store.set(providerKeyRef('p1'), 'stored-key');
    expect(await resolveApiKey(openai, store, {})).toEqual({
      key: 'stored-key',
      source: 'stored',
      envVar: 'OPENAI_API_KEY',
    });
  });

  it('keeps a stored key over OPENAI_API_KEY', async () => {
    await store.set(providerKeyRef('p1'), 'stored-key');
    const resolved = await resolveApiKey(openai, store, { OPENAI_API_KEY: 'env-key' });
    expect(resolved).toMatchObject({ key: 'stored-key', source: 'stored' });
  });

  it('fills in OPENAI_API_KEY for OpenAI itself and for a loopback server when no key is stored', async () => {
    const env = { OPENAI_API_KEY: 'env-key' };
    expect(await resolveApiKey(openai, store, env)).toMatchObject({ key: 'env-key', source: 'env' });
    const local = { id: 'l', kind: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:1234/v1' };
    expect(await resolveApiKey(local, store, env)).toMatchObject({ key: 'env-key', source: 'env' });
  });

  it('never sends OPENAI_API_KEY to a third party that speaks the same protocol', async () => {
    const groq = { id: 'g', kind: 'openai-compatible' as const, baseUrl: 'https://api.groq.com/openai/v1' };
    const resolved = await resolveApiKey(groq, store, { OPENAI_API_KEY: 'env-key' });
    expect(resolved).toMatchObject({ key: undefined, source: 'none' });
  });

  it('lets ANTHROPIC_API_KEY fill in only for anthropic providers', async () => {
    const env = { ANTHROPIC_API_KEY: 'anthropic-env' };
    const anthropic = { id: 'a', kind: 'anthropic' as const, baseUrl: 'https://api.anthropic.com/v1' };
    expect((await resolveApiKey(anthropic, store, env)).key).toBe('anthropic-env');
    expect((await resolveApiKey(openai, store, env)).source).toBe('none');
  });

  it('gives Ollama no key from the environment', async () => {
    const resolved = await resolveApiKey(
      { id: 'o', kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' },
      store,
      { OPENAI_API_KEY: 'x' },
    );
    expect(resolved).toEqual({ key: undefined, source: 'none' });
  });
});

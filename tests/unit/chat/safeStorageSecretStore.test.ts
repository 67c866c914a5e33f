/**
 * The desktop key store is a thin adapter over Electron's safeStorage, which cannot
 * run here; a stand-in of the same shape (a reversible, recognisable cipher) checks
 * what the adapter itself does: ciphertext only on disk, in a 0600 file, and honest
 * words about protection.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SafeStorageSecretStore,
  type SafeStorageLike,
} from '../../../electron/main/secrets/SafeStorageSecretStore';
import { makeTempDir } from '../../helpers/tempDir';

const KEY = 'sk-desktop-0123456789-SECRET';

function fakeSafeStorage(overrides: Partial<SafeStorageLike> & { reEncrypt?: boolean } = {}) {
  let encryptions = 0;
  const api: SafeStorageLike & { encryptions: () => number } = {
    encryptions: () => encryptions,
    encryptStringAsync: async (plain) => {
      encryptions++;
      return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptStringAsync: async (buffer) => {
      if (buffer.subarray(0, 3).toString() !== 'v10')
        throw new Error('Error while decrypting the ciphertext');
      return {
        result: Buffer.from(buffer.subarray(3).map((b) => b ^ 0x5a)).toString('utf8'),
        shouldReEncrypt: overrides.reEncrypt ?? false,
      };
    },
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
  return api;
}

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('spool-safe-');
});
afterEach(() => tmp.cleanup());

describe('SafeStorageSecretStore', () => {
  it('round-trips a key while the file holds only base64 ciphertext, mode 0600', async () => {
    const store = SafeStorageSecretStore.inDataDir(fakeSafeStorage(), tmp.dir);
    await store.set('provider:a', KEY);
    expect(await store.get('provider:a')).toBe(KEY);
    const text = fs.readFileSync(store.file, 'utf8');
    expect(text).not.toContain(KEY);
    const stored = (JSON.parse(text) as { secrets: Record<string, string> }).secrets['provider:a']!;
    expect(Buffer.from(stored, 'base64').subarray(0, 3).toString()).toBe('v10');
    if (process.platform !== 'win32') expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('forgets a deleted key and answers undefined for one never stored', async () => {
    const store = SafeStorageSecretStore.inDataDir(fakeSafeStorage(), tmp.dir);
    await store.set('provider:a', KEY);
    await store.delete('provider:a');
    expect(await store.get('provider:a')).toBeUndefined();
    expect(await store.get('provider:never')).toBeUndefined();
  });

  it('re-encrypts a key when safeStorage says its key was rotated', async () => {
    const safe = fakeSafeStorage({ reEncrypt: true });
    const store = SafeStorageSecretStore.inDataDir(safe, tmp.dir);
    await store.set('provider:a', KEY);
    expect(await store.get('provider:a')).toBe(KEY);
    expect(safe.encryptions()).toBe(2);
  });

  it('refuses to store a key when no encryption is available, writing nothing', async () => {
    const store = SafeStorageSecretStore.inDataDir(
      fakeSafeStorage({ isAsyncEncryptionAvailable: async () => false }),
      tmp.dir,
    );
    await expect(store.set('provider:a', KEY)).rejects.toThrow(/OPENAI_API_KEY/);
    expect(fs.existsSync(store.file)).toBe(false);
    expect(store.describeProtection().protected).toBe(false);
  });

  it('says plainly on Linux with the basic_text backend that keys are not protected by a keyring', () => {
    const store = new SafeStorageSecretStore(
      fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      `${tmp.dir}/s.json`,
      'linux',
    );
    const protection = store.describeProtection();
    expect(protection.protected).toBe(false);
    expect(protection.detail).toMatch(/NOT protected by a keyring/);
  });

  it('reports keys as protected with a Linux keyring, the macOS Keychain or Windows DPAPI', () => {
    const file = `${tmp.dir}/s.json`;
    const linux = new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux').describeProtection();
    expect(linux).toEqual({ protected: true, detail: expect.stringMatching(/gnome_libsecret/) });
    for (const platform of ['darwin', 'win32'] as const)
      expect(
        new SafeStorageSecretStore(fakeSafeStorage(), file, platform).describeProtection().protected,
      ).toBe(true);
  });
});

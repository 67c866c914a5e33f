/**
 * API keys in the desktop app: encrypted with Electron's safeStorage (Keychain on
 * macOS, DPAPI on Windows, the desktop keyring on Linux), the ciphertext (base64)
 * kept in `secrets.encrypted.json` in the data dir by a FileSecretStore — so the
 * file handling (mode 0600, atomic replace, refusing a loose file) is the one
 * browser mode and the CLI already use.
 *
 * Only the async safeStorage API is used (the sync one is deprecated in Electron 45).
 * safeStorage is passed in rather than imported, so this adapter runs in plain Node
 * tests with a stand-in of the same shape.
 */
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { ApiFailure } from '../../../shared/api/result';
import { FileSecretStore } from '../../core/secrets/FileSecretStore';
import type { SecretProtection, SecretStore } from '../../core/secrets/SecretStore';

export const ENCRYPTED_SECRETS_FILE_NAME = 'secrets.encrypted.json';

export type SafeStorageLike = Pick<
  SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
>;

export class SafeStorageSecretStore implements SecretStore {
  private readonly store: FileSecretStore;
  private available: boolean | undefined;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    file: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.store = new FileSecretStore(file);
  }

  static inDataDir(safeStorage: SafeStorageLike, dataDir: string): SafeStorageSecretStore {
    return new SafeStorageSecretStore(safeStorage, path.join(dataDir, ENCRYPTED_SECRETS_FILE_NAME));
  }

  get file(): string {
    return this.store.file;
  }

  async get(ref: string): Promise<string | undefined> {
    const stored = await this.store.get(ref);
    if (stored === undefined) return undefined;
    await this.requireEncryption();
    const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(
      Buffer.from(stored, 'base64'),
    );
    if (shouldReEncrypt) {
      // The OS rotated its key: store it under the new one. Reading must not fail for it.
      await this.set(ref, result).catch(() => undefined);
    }
    return result;
  }

  async set(ref: string, value: string): Promise<void> {
    await this.requireEncryption();
    const encrypted = await this.safeStorage.encryptStringAsync(value);
    await this.store.set(ref, encrypted.toString('base64'));
  }

  delete(ref: string): Promise<void> {
    return this.store.delete(ref);
  }

  describeProtection(): SecretProtection {
    if (this.available === false) {
      return {
        protected: false,
        detail:
          'This system offers Spool no way to encrypt API keys, so none can be stored. ' +
          'Set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment instead.',
      };
    }
    if (this.platform === 'darwin')
      return { protected: true, detail: 'API keys are encrypted with a key kept in your macOS Keychain.' };
    if (this.platform === 'win32')
      return { protected: true, detail: 'API keys are encrypted for your Windows account (DPAPI).' };
    const backend = this.safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text') {
      return {
        protected: false,
        detail:
          'API keys are NOT protected by a keyring: no keyring (GNOME Keyring, KWallet) was found, so ' +
          `they are only obscured with a fixed, publicly known key in ${this.file} (readable only by your ` +
          'user account). Run Spool in a desktop session with a keyring, or set OPENAI_API_KEY / ANTHROPIC_API_KEY instead.',
      };
    }
    if (backend === 'unknown') {
      return { protected: false, detail: 'Spool could not yet tell which keyring protects your API keys.' };
    }
    return { protected: true, detail: `API keys are encrypted with your desktop keyring (${backend}).` };
  }

  private async requireEncryption(): Promise<void> {
    this.available ??= await this.safeStorage.isAsyncEncryptionAvailable();
    if (!this.available) {
      throw new ApiFailure(
        'CONFLICT',
        'This system offers no encryption for API keys (Electron safeStorage is unavailable), so Spool ' +
          'will not store one. Set OPENAI_API_KEY or ANTHROPIC_API_KEY in the environment instead.',
      );
    }
  }
}

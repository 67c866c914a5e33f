/**
 * Where API keys live. Async because Electron's safeStorage (the desktop
 * implementation, in electron/main) and OS keyrings are; the file store is for
 * browser mode and the CLI. A SecretStore never logs or echoes a value.
 */
export interface SecretProtection {
  /** True only when values are encrypted by the OS (keyring, Keychain, DPAPI). */
  protected: boolean;
  /** One honest sentence for the settings screen. */
  detail: string;
}

export interface SecretStore {
  get(ref: string): Promise<string | undefined>;
  set(ref: string, value: string): Promise<void>;
  delete(ref: string): Promise<void>;
  describeProtection(): SecretProtection;
}

/** The secret ref under which a provider's API key is kept. */
export function providerKeyRef(providerId: string): string {
  return `provider:${providerId}`;
}

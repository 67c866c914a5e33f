import type { SecretProtection, SecretStore } from '../../core/secrets/SecretStore';
import type { Redactor } from '../crash/redact';

/**
 * A SecretStore that tells the log redactor every API key passing through it, so a
 * key that shows up in an error message (a provider echoing it back, a URL) is
 * masked in the log whatever its shape.
 */
export class RedactingSecretStore implements SecretStore {
  constructor(
    private readonly inner: SecretStore,
    private readonly redactor: Pick<Redactor, 'addSecret'>,
  ) {}

  async get(ref: string): Promise<string | undefined> {
    const value = await this.inner.get(ref);
    this.redactor.addSecret(value);
    return value;
  }

  async set(ref: string, value: string): Promise<void> {
    this.redactor.addSecret(value);
    await this.inner.set(ref, value);
  }

  delete(ref: string): Promise<void> {
    return this.inner.delete(ref);
  }

  describeProtection(): SecretProtection {
    return this.inner.describeProtection();
  }
}

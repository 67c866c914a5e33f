/**
 * End-to-end encryption of everything sync sends: the server stores only sealed bytes.
 *
 * The key is derived from the user's passphrase with scrypt (memory-hard: N = 2^16,
 * r = 8 needs 64 MiB per guess) and a random salt kept in the clear on the server, so
 * every device derives the same key. Each record is sealed with AES-256-GCM under a
 * fresh random 96-bit nonce; the record's identity (kind, id) is the associated data,
 * so the server cannot swap one ciphertext for another without the tag failing.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

export interface KdfParams {
  N: number;
  r: number;
  p: number;
  /** Base64 of the 16-byte salt. */
  salt: string;
}

export const DEFAULT_KDF: Omit<KdfParams, 'salt'> = { N: 2 ** 16, r: 8, p: 1 };

const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** What the key check seals: opening it proves the passphrase without revealing anything. */
const KEY_CHECK = Buffer.from('spool-sync-key-check-v1');

export class SyncCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncCryptoError';
  }
}

export function newKdfParams(): KdfParams {
  return { ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
}

export async function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  if (passphrase.length === 0) throw new SyncCryptoError('The sync passphrase is empty.');
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), 32, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** format byte · nonce · ciphertext · tag */
export function seal(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), nonce, body, cipher.getAuthTag()]);
}

export function open(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT) {
    throw new SyncCryptoError('A synced record is not in a format this Spool can read.');
  }
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(1 + NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new SyncCryptoError(
      'A synced record failed its integrity check (wrong key or altered on the server).',
    );
  }
}

export function sealKeyCheck(key: Buffer): Buffer {
  return seal(key, 'key-check', KEY_CHECK);
}

/** True when `key` opens the library's key check, i.e. the passphrase is the library's. */
export function opensKeyCheck(key: Buffer, sealed: Buffer): boolean {
  try {
    return open(key, 'key-check', sealed).equals(KEY_CHECK);
  } catch {
    return false;
  }
}

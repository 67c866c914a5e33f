import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../electron/main/crash/redact';
import { RedactingSecretStore } from '../../../electron/main/secrets/redactingSecretStore';
import type { SecretStore } from '../../../electron/core/secrets/SecretStore';

describe('Redactor', () => {
  const redactor = new Redactor();

  it('masks OpenAI and Anthropic style keys (sk-…)', () => {
    const out = redactor.redact('failed with key sk-proj-AbC123xyz_-987 and sk-ant-api03-ZZZZZZZZZZ');
    expect(out).not.toContain('sk-proj-AbC123xyz');
    expect(out).not.toContain('sk-ant-api03');
    expect(out).toBe(`failed with key ${REDACTED} and ${REDACTED}`);
  });

  it('masks bearer tokens, keeping the word Bearer', () => {
    expect(redactor.redact('Authorization: Bearer eyJhbGciOi.J9.abc-def')).not.toContain('eyJhbGciOi');
    expect(redactor.redact('sent Bearer abc.def/ghi=')).toBe(`sent Bearer ${REDACTED}`);
  });

  it('masks token= and api_key= query parameters and keeps the rest of the URL', () => {
    const out = redactor.redact(
      'GET http://127.0.0.1:5173/?token=0123456789abcdef&x=1 and /v1?api_key=QWERTY99',
    );
    expect(out).toBe(`GET http://127.0.0.1:5173/?token=${REDACTED}&x=1 and /v1?api_key=${REDACTED}`);
  });

  it('masks credential headers and JSON fields', () => {
    expect(redactor.redact('x-api-key: abcdef123456')).toBe(`x-api-key: ${REDACTED}`);
    expect(redactor.redact('{"apiKey":"hunter2hunter2"}')).toBe(`{"apiKey":"${REDACTED}"}`);
  });

  it('masks a known key of any shape wherever it appears', () => {
    const r = new Redactor();
    r.addSecret('plainkey-without-a-prefix-42');
    expect(r.redact('provider said: invalid key plainkey-without-a-prefix-42!')).toBe(
      `provider said: invalid key ${REDACTED}!`,
    );
  });

  it('ignores known values too short to be keys, so ordinary words survive', () => {
    const r = new Redactor();
    r.addSecret('abc');
    expect(r.redact('abc def')).toBe('abc def');
  });

  it('learns secret values from the environment by variable name', () => {
    const r = new Redactor();
    r.addSecretsFromEnv({ GROQ_API_KEY: 'gsk_live_0123456789', HOME: '/home/someone-long-path' });
    expect(r.redact('key gsk_live_0123456789 home /home/someone-long-path')).toBe(
      `key ${REDACTED} home /home/someone-long-path`,
    );
  });

  it('redacts the message and stack of an Error, keeping its name and code', () => {
    const err = Object.assign(new TypeError('bad key sk-live-1234567890abc'), { code: 'E_KEY' });
    const out = redactor.redactValue(err) as Error & { code: string };
    expect(out).toBeInstanceOf(Error);
    expect(out.name).toBe('TypeError');
    expect(out.code).toBe('E_KEY');
    expect(out.message).toBe(`bad key ${REDACTED}`);
    expect(out.stack).not.toContain('sk-live-1234567890abc');
    expect(err.message).toContain('sk-live'); // the original is not mutated
  });

  it('redacts strings nested in objects and arrays', () => {
    const out = redactor.redactValue({
      headers: { authorization: 'Bearer tok.en' },
      list: ['sk-1234567890ab'],
    });
    expect(JSON.stringify(out)).not.toMatch(/tok\.en|sk-1234567890ab/);
  });
});

describe('RedactingSecretStore', () => {
  it('makes every key read from or written to the store a known secret', async () => {
    const values = new Map<string, string>([['provider:a', 'stored-key-value-1']]);
    const inner: SecretStore = {
      get: async (ref) => values.get(ref),
      set: async (ref, value) => void values.set(ref, value),
      delete: async (ref) => void values.delete(ref),
      describeProtection: () => ({ protected: true, detail: 'test' }),
    };
    const redactor = new Redactor();
    const store = new RedactingSecretStore(inner, redactor);
    expect(await store.get('provider:a')).toBe('stored-key-value-1');
    await store.set('provider:b', 'written-key-value-2');
    expect(redactor.redact('stored-key-value-1 written-key-value-2')).toBe(`${REDACTED} ${REDACTED}`);
  });
});

import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../electron/core/diagnostics/redact';

describe('redactSecrets', () => {
  it('replaces every known secret wherever it appears', () => {
    expect(redactSecrets('key=abcd1234 and again abcd1234', ['abcd1234'])).not.toContain('abcd1234');
  });

  it.each([
    ['an OpenAI-style key', 'using sk-proj-AbCdEf0123456789xyz now'],
    ['an Anthropic key', 'sk-ant-api03-AAAAAAAAAAAAAAAAAAAA'],
    ['a bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig'],
    ['a JSON apiKey field', '{"apiKey":"plainsecretvalue"}'],
    ['a password in a URL', 'http://user:hunter22@example.com/v1'],
    ['a key in a query string', 'https://x.example/v1?key=AIzaSyDUMMYDUMMYDUMMYDUMMY'],
  ])('masks %s it was never told about', (_what, text) => {
    const out = redactSecrets(text);
    expect(out).toContain('[redacted]');
    for (const secret of [
      'AbCdEf0123456789xyz',
      'AAAAAAAAAAAAAAAAAAAA',
      'payload.sig',
      'plainsecretvalue',
      'hunter22',
      'DUMMYDUMMY',
    ])
      expect(out).not.toContain(secret);
  });

  it('leaves ordinary text alone', () => {
    const text = 'recovery: 1 interrupted stream(s) finalised, skipping nothing';
    expect(redactSecrets(text)).toBe(text);
  });
});

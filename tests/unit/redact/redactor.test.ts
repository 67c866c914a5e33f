import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, redactJsonLines } from '../../../electron/core/redact';

const GHP = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const AKIA = 'AKIA' + 'IOSFODNN7EXAMPLE';

describe('the one redactor', () => {
  it.each([
    ['a GitHub personal token', `push with ${GHP} please`, GHP],
    ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'abcdefghijklmnop'],
    ['an AWS access key id', `aws_access_key_id = ${AKIA}`, AKIA],
    ['a GitLab token', 'glpat-AbCdEfGhIjKlMnOpQrStUv', 'AbCdEfGhIjKlMnOpQrStUv'],
    ['a Slack bot token', 'xoxb-1234567890-abcdefghij', '1234567890-abcdefghij'],
    ['a Stripe secret key', 'sk_live_0123456789abcdefABCD', '0123456789abcdefABCD'],
    ['an OpenAI key', 'sk-proj-AbCdEf0123456789xyz', 'AbCdEf0123456789xyz'],
  ])('masks %s it was never told about', (_what, text, secret) => {
    const out = new Redactor().redact(text);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(secret);
  });

  it('masks a key streamed in pieces, each piece losing its share, the pieces still joining to the masked text', () => {
    const pieces = ['my key is sk-pr', 'oj-AbCdEf01', '23456789xyz, and ', 'that is all'];
    const out = new Redactor().redactPieces(pieces);
    expect(out).toHaveLength(pieces.length);
    expect(out.join('')).toBe(`my key is ${REDACTED}, and that is all`);
    expect(out.join('')).not.toMatch(/AbCdEf|23456789/);
  });

  it('masks a known key of any shape split across pieces', () => {
    const known = 'plain-known-key-without-prefix';
    const out = new Redactor([known]).redactPieces(['x plain-kno', 'wn-key-with', 'out-prefix y']);
    expect(out.join('')).toBe(`x ${REDACTED} y`);
  });

  it('leaves pieces without a secret exactly as they were', () => {
    const pieces = ['Once upon', ' a time, a task-', 'runner said hello'];
    expect(new Redactor().redactPieces(pieces)).toEqual(pieces);
  });

  it('keeps option names that merely contain "token" and ordinary words', () => {
    const text = '{"maxOutputTokens": 4096, "tokens": 12} recovery: skipping nothing';
    expect(new Redactor().redact(text)).toBe(text);
  });

  it('finds a key split across the chunks of a JSON-lines log, and keeps every line valid JSON', () => {
    const line = (seq: number, delta: string) =>
      JSON.stringify({ seq, type: 'text-delta', payload: { id: 't', delta } });
    const raw = (seq: number, content: string) =>
      JSON.stringify({ seq, type: 'raw', payload: { value: { choices: [{ delta: { content } }] } } });
    const jsonl = [
      line(0, 'key: gh'),
      raw(1, 'key: gh'),
      line(2, GHP.slice(2, 20)),
      raw(3, GHP.slice(2)),
      line(4, GHP.slice(20) + ' ok'),
    ].join('\n');
    const out = redactJsonLines(jsonl, new Redactor());
    const lines = out.split('\n').map((l) => JSON.parse(l) as { payload: unknown });
    expect(lines).toHaveLength(5);
    expect(out).not.toContain(GHP.slice(4, 20));
    expect(out).not.toContain(GHP.slice(20));
  });

  it('drops fields named like credentials from structured metadata and redacts the strings left', () => {
    const out = new Redactor().withoutSecretFields({
      model: 'm',
      headers: { Authorization: 'Bearer abcdefgh', 'x-api-key': 'k', accept: 'text/event-stream' },
      note: `pasted ${GHP}`,
      maxOutputTokens: 100,
    });
    expect(out).toEqual({
      model: 'm',
      headers: { accept: 'text/event-stream' },
      note: `pasted ${REDACTED}`,
      maxOutputTokens: 100,
    });
  });
});

/** Our synchronous partial-JSON parse shows what the SDK's async one shows, prefix by prefix. */
import { parsePartialJson as sdkParsePartialJson } from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialJson } from '../../../shared/partialJson';

async function expectSameOnEveryPrefix(text: string): Promise<void> {
  for (let i = 0; i <= text.length; i++) {
    const prefix = text.slice(0, i);
    expect(parsePartialJson(prefix), JSON.stringify(prefix)).toEqual(
      (await sdkParsePartialJson(prefix)).value,
    );
  }
}

describe('parsePartialJson', () => {
  it('matches the SDK on every prefix of random JSON documents, compact and indented', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.boolean(), async (value, indent) => {
        await expectSameOnEveryPrefix(JSON.stringify(value, null, indent ? 1 : undefined));
      }),
      { numRuns: 200 },
    );
  });

  it('matches the SDK on arbitrary text made of JSON punctuation', async () => {
    const jsonish = fc.string({
      unit: fc.constantFrom(...'{}[]:,"\\u0-9e.tfnrl ae'.split('')),
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(jsonish, async (text) => expectSameOnEveryPrefix(text)),
      { numRuns: 300 },
    );
  });

  it('refuses prototype-poisoning keys as the SDK does', async () => {
    for (const text of [
      '{"__proto__":{"x":1}}',
      '{"a":{"constructor":{"prototype":{}}}}',
      '{"__proto__":{"x"',
    ]) {
      expect(parsePartialJson(text)).toBeUndefined();
      expect((await sdkParsePartialJson(text)).value).toBeUndefined();
    }
  });

  it('closes an open string, object and array of a prefix', () => {
    expect(parsePartialJson('{"q":"hel')).toEqual({ q: 'hel' });
    expect(parsePartialJson('[1,{"a":tr')).toEqual([1, { a: true }]);
    expect(parsePartialJson('')).toBeUndefined();
  });
});

/**
 * Property: whatever payload reaches any API channel, the answer is a typed result —
 * data, or an ApiFailure other than INTERNAL — no internal error is recorded, and the
 * library is intact afterwards. Payloads are fast-check's: anything at all, and
 * objects with each channel's own field names holding hostile values (ids that exist
 * and ones that do not, huge and odd strings, wrong types, prototype keys).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, type ApiChannel } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { openCore, type TestCore } from '../chat/helpers';
import { makeTempDir } from '../../helpers/tempDir';
import { libraryDb } from '../../helpers/libraryDb';
import { checkReply } from '../../helpers/contractCheck';

const tmp = makeTempDir('spool-fuzz-api-');
let t: TestCore;
let known: { conversationId: string; messageId: string };
beforeAll(() => {
  t = openCore(tmp.dir);
  const conversationId = t.core.conversations.create('kept').id;
  const messageId = t.core.messages.insert({
    conversationId,
    role: 'user',
    parts: [{ type: 'text', text: 'still here' }],
  }).id;
  known = { conversationId, messageId };
});
afterAll(async () => {
  await t.core.close();
  tmp.cleanup();
});

/** Channels whose success would reach outside the library (a picker, a browser) are called all the same: the test host has neither. */
const channels = Object.keys(apiCalls) as ApiChannel[];

function fieldNames(channel: ApiChannel): string[] {
  const schema = apiCalls[channel].request as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '\u0000',
    'a\u0000b.gguf',
    '%E0%A4%A',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom('x'.repeat(70_000), '€'.repeat(5000)),
  fc.constant('nope-id'),
);

function hostileValue(ids: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    hostileString,
    fc.constantFrom(...ids),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 2 ** 53 + 1, Number.NaN, Infinity),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(hostileString, fc.integer(), fc.constantFrom(...ids)), { maxLength: 5 }),
    fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer())),
  );
}

/** URLs that pass an http(s) check but nothing listens behind (port 9 on loopback), with odd paths. */
const hostileUrl = fc
  .tuple(
    fc.constantFrom('http://127.0.0.1:9', 'https://127.0.0.1:9'),
    fc.oneof(fc.webPath(), {
      arbitrary: fc.constantFrom(
        '/%E0%A4%A',
        '/..%2F..%2Fx.gguf',
        '/a%00b.gguf',
        '/%2F',
        '/',
        '/x.gguf?y=%ZZ',
      ),
      weight: 3,
    }),
  )
  .map(([origin, path]) => origin + path);

function payloads(channel: ApiChannel, ids: string[]): fc.Arbitrary<unknown> {
  const names = fieldNames(channel);
  const valueFor = (name: string) =>
    /url/i.test(name) ? fc.oneof({ arbitrary: hostileUrl, weight: 4 }, hostileValue(ids)) : hostileValue(ids);
  const shaped = names.length
    ? fc.record(Object.fromEntries(names.map((n) => [n, valueFor(n)])), { requiredKeys: [] })
    : fc.constant({});
  // One field at a time, too: a hostile value then meets the handler, not another field's check.
  const single = names.length
    ? fc.constantFrom(...names).chain((n) => valueFor(n).map((v) => ({ [n]: v })))
    : fc.constant({});
  return fc.oneof(
    fc.anything({ maxDepth: 3 }),
    shaped,
    { arbitrary: single, weight: 2 },
    shaped.map((p) => ({ ...(p as object), extra: 1 })),
  );
}

describe('every API channel, fuzzed', () => {
  for (const channel of channels) {
    it(`${channel} answers any payload with a typed result`, async () => {
      const ids = [known.conversationId, known.messageId];
      await fc.assert(
        fc.asyncProperty(payloads(channel, ids), async (payload) => {
          const result = (await t.client.callUntrusted(channel, payload)) as ApiResult<unknown>;
          checkReply(channel, result);
          if (!result.ok) {
            expect(
              result.error.code,
              `${channel} ${JSON.stringify(payload)?.slice(0, 300)}: ${result.error.message}`,
            ).not.toBe('INTERNAL');
            expect(result.error.message).not.toMatch(/\n\s+at /);
          }
        }),
        { numRuns: 60 },
      );
      expect(t.recorded.internalErrors).toEqual([]);
    });
  }

  it('leaves the library intact', () => {
    expect(libraryDb(t.core).pragma('integrity_check', { simple: true })).toBe('ok');
    expect(t.core.messages.findStored(known.messageId)).toBeDefined();
  });
});
